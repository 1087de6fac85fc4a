// Viewers and special-category data, checked against the personal-data registry and the contract's
// markers. A person has a distinctive value (a canary) in every column the registry withholds from
// viewers, a special barrier (a reference item marked special in the reference data, not guessed
// from its code), and audit and import entries carrying them. Then, on every channel a viewer may
// call: an administrator's answer holds the canaries only in fields the output schema marks (so
// each withheld column reaches a viewer's channel only through marked fields), and a viewer's
// answer holds none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { contract, channelNames, type ChannelName } from '../../shared/contract/index';
import { personalMarkerOf, specialCategory, specialItems, fieldChanges } from '../../shared/contract/personal';
import { appendAudit } from '../../db/features/audit/audit.repository';
import { redactForViewer, withheldFieldNames } from '../../db/features/trust/special-category';
import { loadSpecialItems } from '../../db/features/trust/special-items.repository';
import { participantTables } from '../../db/store/tables/personal-data';
import { columnField } from '../../db/features/participants/participant-mapping';

const BARRIER = 'zz_canary_barrier';
const BARRIER_LABEL = 'Zz canary barrier label';
let t: TestBackend;
let id: number;
let batchId: number;
/** column → the canary it holds (every column of the record the registry withholds from viewers). */
const canaries = new Map<string, string>();

beforeAll(async () => {
  t = await createTestBackend();
  const load = await t.ok('demo.load', { participants: 20, seed: 11 });
  await t.backend.services.jobs.wait(load.jobId);
  const db = t.backend.store.db;
  const withheld = participantTables()
    .filter((x) => x.table === 'participants')
    .flatMap((x) => Object.entries(x.columns))
    .filter(([, rule]) => rule.viewers === 'withhold')
    .map(([column]) => column);
  for (const column of withheld) canaries.set(column, `zz-canary-${column}`);
  id = await aParticipant(db, { reference: 'SW-CNRY01', ...Object.fromEntries(canaries) });
  await db
    .insertInto('reference_items')
    .values({
      list: 'barrier',
      code: BARRIER,
      label: BARRIER_LABEL,
      sort_order: 99,
      extra_json: JSON.stringify({ specialCategory: true }),
    })
    .execute();
  await db
    .insertInto('participant_barriers')
    .values([
      { participant_id: id, barrier_code: BARRIER },
      { participant_id: id, barrier_code: 'esol' },
    ])
    .execute();
  // A change of the record as the audit log keeps it (record fields) and as an import wrote it (columns).
  const asFields = Object.fromEntries([...canaries].map(([c, v]) => [columnField[c] ?? c, v]));
  await db.transaction().execute((tx) =>
    appendAudit(tx, '2026-06-01T10:00:00.000Z', t.staffId, {
      action: 'update',
      entity: 'participant',
      entityId: id,
      participantId: id,
      summary: 'Record updated',
      before: { barriers: ['esol'] },
      after: { ...asFields, barriers: [BARRIER, 'esol'] },
    }),
  );
  batchId = (
    await db
      .insertInto('import_batches')
      .values({
        kind: 'participants',
        partner: 'NHC',
        file_name: 'p.xlsx',
        file_sha256: 'ff',
        sheet: 'Sheet1',
        profile_json: '{}',
        rows_in_file: 1,
        created_count: 0,
        updated_count: 1,
        unchanged_count: 0,
        rejected_count: 0,
        error_count: 0,
        at: '2026-06-01T10:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('import_batch_rows')
    .values({
      batch_id: batchId,
      row_number: 2,
      action: 'updated',
      entity: 'participant',
      entity_id: id,
      participant_id: id,
      before_json: JSON.stringify({ phone: null }),
      after_json: JSON.stringify({ ...Object.fromEntries(canaries), phone: '07700 900001' }),
    })
    .execute();
});
afterAll(() => t.close());

const everyItemSpecial = { has: () => true };
const needles = () => [...canaries.values(), BARRIER, BARRIER_LABEL];
const found = (value: unknown) => {
  const text = JSON.stringify(value) ?? '';
  return needles().filter((n) => text.includes(n));
};

describe('viewers and special-category data', () => {
  it('each withheld column reaches a viewer channel only through marked fields, and never reaches a viewer', async () => {
    const admin = t.backend;
    // The test client is an administrator; a viewer works on another client of the same store.
    const viewer = await admin.store.db
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
    expect((await admin.call('viewer', 'session.start', { staffId: viewer.id })).ok).toBe(true);
    const channels = channelNames.filter(
      (n) => (contract[n].role === 'viewer' || contract[n].role === 'public') && !n.startsWith('session.'),
    );
    const inputs = [
      {},
      { id },
      { participantId: id },
      { batchId },
      { reference: 'SW-CNRY01' },
      { offset: 0, limit: 500 },
      { search: 'SW-CNRY01' },
      { from: '2000-01-01', to: '2030-12-31' },
    ];
    const seen = new Set<string>();
    const leaks: string[] = [];
    let answered = 0;
    for (const name of channels as ChannelName[]) {
      for (const input of inputs) {
        const full = await admin.dispatch('test', name, input);
        if (!full.ok) continue;
        answered++;
        for (const n of found(full.value)) seen.add(n);
        const unmarked = redactForViewer(contract[name].output, full.value, everyItemSpecial);
        for (const n of found(unmarked)) leaks.push(`${name} ${JSON.stringify(input)}: ${n} in an unmarked field`);
        const asViewer = await admin.dispatch('viewer', name, input);
        if (asViewer.ok)
          for (const n of found(asViewer.value)) leaks.push(`${name} ${JSON.stringify(input)}: ${n} sent to a viewer`);
      }
    }
    expect(answered).toBeGreaterThan(40);
    expect(leaks).toEqual([]);
    // Not vacuous: an administrator does get every canary somewhere (the redaction is by role).
    expect([...seen].sort()).toEqual(needles().sort());
  });

  it('knows special reference items from the reference data', async () => {
    const special = await loadSpecialItems(t.backend.store.db);
    expect(special.has('barrier', BARRIER)).toBe(true);
    expect(special.has('barrier', 'ex_offender')).toBe(true); // marked in the seeded list
    expect(special.has('barrier', 'disability_health')).toBe(true);
    expect(special.has('barrier', 'esol')).toBe(false);
    const stored = await t.backend.store.db
      .selectFrom('reference_items')
      .select(['code', 'extra_json'])
      .where('list', '=', 'barrier')
      .where('code', '=', 'ex_offender')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.extra_json!)).toEqual({ specialCategory: true }); // seeded with the flag
  });

  it('names the withheld fields from the registry, as columns and as record fields', () => {
    expect(withheldFieldNames.get('ethnicity')).toBe('all');
    expect(withheldFieldNames.get('gender_same_as_birth')).toBe('all');
    expect(withheldFieldNames.get('genderSameAsBirth')).toBe('all');
    expect(withheldFieldNames.get('barriers')).toBe('barrier');
    expect(withheldFieldNames.get('sex')).toBeUndefined();
  });

  it('every field marked special can be withheld (its schema accepts null)', () => {
    const problems: string[] = [];
    const visit = (schema: z.core.$ZodType, path: string, seen: Set<unknown>) => {
      if (seen.has(schema)) return;
      seen.add(schema);
      const marker = personalMarkerOf(schema);
      if (marker?.kind === 'special' && !(schema as z.ZodType).safeParse(null).success) problems.push(path);
      const def = schema._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object')
        for (const [k, s] of Object.entries(def.shape as Record<string, z.core.$ZodType>))
          visit(s, `${path}.${k}`, seen);
      for (const k of ['element', 'innerType', 'in', 'out', 'valueType'])
        if (def[k]) visit(def[k] as z.core.$ZodType, path, seen);
      if (Array.isArray(def.options)) for (const o of def.options as z.core.$ZodType[]) visit(o, path, seen);
    };
    for (const name of channelNames) visit(contract[name].output, name, new Set());
    expect(problems).toEqual([]);
  });

  it('the walker withholds by marker, not by key name', () => {
    const schema = z.object({
      rows: z.array(
        z.object({
          id: z.number(),
          ethnicity: specialCategory(z.string().nullable()),
          barriers: specialItems('barrier', z.array(z.string())),
          counts: specialItems('barrier', z.array(z.object({ key: z.string(), n: z.number() })), 'key'),
          changes: fieldChanges(z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))),
          // Not marked: whatever its name, it is not withheld.
          disability: z.string().nullable(),
        }),
      ),
    });
    const special = { has: (_list: string, code: string) => code === 'ex_offender' };
    const value = {
      rows: [
        {
          id: 1,
          ethnicity: 'white_british',
          barriers: ['ex_offender', 'homeless'],
          counts: [
            { key: 'ex_offender', n: 2 },
            { key: 'esol', n: 3 },
          ],
          changes: [
            { field: 'ethnicity', before: null, after: 'x' },
            { field: 'barriers', before: ['esol'], after: ['esol', 'ex_offender'] },
            { field: 'phone', before: 'a', after: 'b' },
          ],
          disability: 'shown: not marked',
        },
      ],
    };
    expect(redactForViewer(schema, value, special)).toEqual({
      rows: [
        {
          id: 1,
          ethnicity: null,
          barriers: ['homeless'],
          counts: [{ key: 'esol', n: 3 }],
          changes: [
            { field: 'barriers', before: ['esol'], after: ['esol'] },
            { field: 'phone', before: 'a', after: 'b' },
          ],
          disability: 'shown: not marked',
        },
      ],
    });
  });
});
