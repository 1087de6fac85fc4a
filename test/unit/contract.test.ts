// The contract rejects malformed input with field paths, for every channel, whatever is thrown
// at it (fast-check), and every channel is well formed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { contract, channelNames } from '../../shared/contract/index';
import { fieldErrorsFromZod } from '../../shared/result';
import { roles } from '../../shared/contract/define';

describe('the contract', () => {
  it('names every channel area.verb with a role and a summary', () => {
    for (const name of channelNames) {
      expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      const def = contract[name];
      expect([...roles, 'public']).toContain(def.role);
      expect(def.summary.length).toBeGreaterThan(3);
    }
  });

  // One way to make a file for the user (ARCHITECTURE, "Every export is a job"): a channel named
  // `….export` starts the job and answers with its id; no other channel hands over a file, but
  // the job's collection and opening a stored evidence document (a file the user gave us).
  it('makes every file the user saves through an export job', () => {
    const exports = channelNames.filter((name) => name.endsWith('.export'));
    expect(exports.length).toBeGreaterThanOrEqual(13);
    for (const name of exports) {
      const def = contract[name];
      expect(def.effect, name).toEqual({ kind: 'own', areas: ['audit'] });
      expect(Object.keys((def.output as unknown as z.ZodObject).shape ?? {}), name).toEqual(['jobId']);
    }
    const handsOverBytes = channelNames.filter((name) => {
      const output = contract[name].output as unknown as z.ZodObject;
      // A file's bytes, not a size in bytes (a backup's, the store's).
      return output instanceof z.ZodObject && 'bytes' in output.shape && !(output.shape.bytes instanceof z.ZodNumber);
    });
    expect(handsOverBytes).toEqual(['evidence.file']);
  });

  it('never throws on arbitrary input: it parses or returns issues with paths', () => {
    fc.assert(
      fc.property(fc.constantFrom(...channelNames), fc.anything(), (name, input) => {
        const result = contract[name].input.safeParse(input);
        if (!result.success) {
          const fields = fieldErrorsFromZod(result.error);
          expect(fields.length).toBeGreaterThan(0);
          for (const f of fields) expect(Array.isArray(f.path)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names the field that is wrong', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.double({ noInteger: true }),
          fc.string(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string()),
        ),
        (bad) => {
          const result = contract['session.start'].input.safeParse({ staffId: bad });
          expect(result.success).toBe(false);
          expect(fieldErrorsFromZod(result.error!).map((f) => f.path.join('.'))).toContain('staffId');
        },
      ),
    );
    const missing = contract['staff.createFirst'].input.safeParse({ displayName: ' ' });
    expect(missing.success).toBe(false);
    expect(fieldErrorsFromZod(missing.error!)).toEqual([
      { path: ['displayName'], message: 'Enter your name (at least 2 characters)' },
    ]);
  });

  it('rejects unknown fields on strict inputs (no smuggled columns)', () => {
    const result = contract['session.start'].input.safeParse({ staffId: 1, role: 'administrator' });
    expect(result.success).toBe(false);
  });
});
