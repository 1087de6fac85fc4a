// Malformed payloads against the real dispatcher, for every channel in the contract: never a
// crash, never an untyped answer; always ok or one of the typed error kinds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channelNames } from '../../shared/contract/index';
import { errorKinds } from '../../shared/result';
import { setLogSink } from '../../db/backend/log';
import { createTestBackend, type TestBackend } from '../support/backend';

let t: TestBackend;
const logs: string[] = [];
beforeAll(async () => {
  setLogSink((l) => logs.push(l));
  t = await createTestBackend();
});
afterAll(async () => {
  await t.close();
  setLogSink((l) => process.stderr.write(`${l}\n`));
});

// Valid input for these would do heavy or irreversible work (load 200,000 demo people);
// their refusal of malformed input is still fuzzed through the other arbitraries.
const heavy = new Set(['demo.load']);

const payload = fc.oneof(
  fc.anything({
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withBigInt: true,
    withNullPrototype: true,
    maxDepth: 4,
  }),
  fc.record(
    {
      id: fc.oneof(fc.integer(), fc.string(), fc.double()),
      reference: fc.string(),
      offset: fc.integer(),
      limit: fc.integer(),
      name: fc.string(),
      confirm: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'ids',
      'auditFilter',
      'filters',
      'sort',
      'password',
      'staffId',
    ),
    fc.anything({ maxDepth: 2 }),
  ),
);

describe('fuzzed payloads', () => {
  it('every channel answers every payload with ok or a typed error', async () => {
    const admin = t.backend.client('test').session!;
    for (const name of channelNames) {
      await fc.assert(
        fc.asyncProperty(payload, async (input) => {
          if (
            heavy.has(name) &&
            input !== null &&
            typeof input === 'object' &&
            !Array.isArray(input) &&
            Object.keys(input).length === 0
          )
            return;
          const client = t.backend.client(`fuzz-${name}`);
          client.session = admin;
          const result = await t.backend.dispatch(client.id, name, input);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(errorKinds).toContain(result.error.kind);
            expect(typeof result.error.message).toBe('string');
          }
        }),
        { numRuns: 25 },
      );
    }
    // Nothing reached a handler and blew up: no internal errors were logged.
    const internal = logs.filter((l) => /"request-failed"|"output-mismatch"/.test(l));
    expect(internal).toEqual([]);
  }, 180_000);

  it('a channel name that is not in the contract is refused', async () => {
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'participants.page ',
      42,
      null,
      {},
    ]) {
      const r = await t.backend.dispatch('test', name, {});
      expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
  });
});
