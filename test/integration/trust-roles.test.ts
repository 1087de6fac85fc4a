// Roles are enforced by the backend on every channel in the contract: not just the ones that
// exist today. A signed-out caller gets only public channels; a viewer only viewer channels,
// never an export and never a special-category value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, channelNames } from '../../shared/contract/index';
import { roleAtLeast } from '../../shared/contract/define';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { withheldFieldNames } from '../../db/features/trust/special-category';
import { loadSpecialItems, type SpecialItems } from '../../db/features/trust/special-items.repository';

let t: TestBackend;
beforeAll(async () => {
  t = await createTestBackend();
  const load = await t.ok('demo.load', { participants: 40, seed: 7 });
  await t.backend.services.jobs.wait(load.jobId);
  await aParticipant(t.backend.store.db, { ethnicity: 'white_british', disability: 'limited_a_lot' });
});
afterAll(() => t.close());

/** Whether an output schema can carry file bytes (an export). */
function carriesBytes(schema: z.ZodType, depth = 0): boolean {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (depth > 6) return false;
  if (def.type === 'custom') return true;
  if (def.type === 'object')
    return Object.values(def.shape as Record<string, z.ZodType>).some((s) => carriesBytes(s, depth + 1));
  for (const k of ['innerType', 'element', 'in', 'out'])
    if (def[k]) return carriesBytes(def[k] as z.ZodType, depth + 1);
  if (Array.isArray(def.options)) return (def.options as z.ZodType[]).some((s) => carriesBytes(s, depth + 1));
  return false;
}

/** The withheld names, but for the text of notes: organisations and contracts have notes too,
 * about no participant (test/integration/viewer-redaction.test.ts follows notes by their markers). */
const specialNames = new Map([...withheldFieldNames].filter(([name]) => name !== 'notes' && name !== 'body'));

/** Values a viewer must not get, found by the names the personal-data registry gives them (stored
 * columns and record fields): withheld fields with a value, and special items in item fields. */
function findSpecial(value: unknown, special: SpecialItems, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findSpecial(v, special, `${path}[${i}]`));
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const treatment = specialNames.get(k);
    if (treatment === 'all' && v !== null && v !== undefined) return [`${path}.${k}`];
    if (treatment && treatment !== 'all' && Array.isArray(v) && v.some((c) => special.has(treatment, String(c))))
      return [`${path}.${k}`];
    return findSpecial(v, special, `${path}.${k}`);
  });
}

describe('every channel', () => {
  it('refuses a signed-out caller on every non-public channel', async () => {
    const refused: string[] = [];
    for (const name of channelNames) {
      if (contract[name].role === 'public') continue;
      const r = await t.backend.dispatch('stranger', name, {});
      if (!r.ok && r.error.kind === 'unauthenticated') refused.push(name);
    }
    expect(refused).toEqual(channelNames.filter((n) => contract[n].role !== 'public'));
    expect(refused.length).toBeGreaterThan(20);
  });

  it('refuses a viewer on every channel above viewer, before looking at the input', async () => {
    const viewer = await createTestBackend({ role: 'viewer' });
    try {
      const above = channelNames.filter(
        (n) => contract[n].role !== 'public' && !roleAtLeast('viewer', contract[n].role as 'viewer'),
      );
      for (const name of above) {
        const r = await viewer.call(name, { nonsense: true });
        expect(r.ok ? 'ok' : r.error.kind, name).toBe('forbidden');
      }
      expect(above).toContain('audit.export');
      expect(above).toContain('sar.export');
    } finally {
      await viewer.close();
    }
  });

  it('an officer is refused every administrator channel', async () => {
    const officer = await createTestBackend({ role: 'officer' });
    try {
      for (const name of channelNames.filter((n) => contract[n].role === 'administrator')) {
        const r = await officer.call(name, {});
        expect(r.ok ? 'ok' : r.error.kind, name).toBe('forbidden');
      }
    } finally {
      await officer.close();
    }
  });

  it('no channel that returns a file is open to viewers', () => {
    // A file comes back directly, or from an export's job (a `….export` channel answers with it).
    const exports = channelNames.filter((n) => carriesBytes(contract[n].output) || n.endsWith('.export'));
    expect(exports).toContain('audit.export');
    expect(exports).toContain('sar.export');
    expect(exports).toContain('jobs.exportFile');
    for (const name of exports) expect(contract[name].role, name).not.toBe('viewer');
  });

  it('a viewer never receives a special-category value from any channel it may call', async () => {
    const viewerChannels = channelNames.filter((n) => contract[n].role === 'viewer' || contract[n].role === 'public');
    // Same store, a viewer session on another client.
    const row = await t.backend.store.db
      .insertInto('staff')
      .values({
        display_name: 'Vee Viewer',
        email: null,
        role: 'viewer',
        password_hash: null,
        locked_until: null,
        created_at: '2026-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await t.backend.call('viewer-client', 'session.start', { staffId: row.id })).ok).toBe(true);
    const inputs = [{}, { id: 1 }, { participantId: 1 }, { offset: 0, limit: 50 }, { reference: 'SW-000001' }];
    let answered = 0;
    const special = await loadSpecialItems(t.backend.store.db);
    expect(special.has('barrier', 'ex_offender')).toBe(true);
    for (const name of viewerChannels) {
      if (
        name === 'session.end' ||
        name === 'session.start' ||
        name === 'session.setPassword' ||
        name === 'staff.createFirst'
      )
        continue;
      for (const input of inputs) {
        const r = await t.backend.dispatch('viewer-client', name, input);
        if (r.ok) {
          answered++;
          expect(findSpecial(r.value, special), `${name} ${JSON.stringify(input)}`).toEqual([]);
        }
      }
    }
    expect(answered).toBeGreaterThan(3);
  });
});
