// Viewers and special-category data, checked against the personal-data registry and the contract's
// markers. A person has a distinctive value (a canary) in every column the registry withholds from
// viewers (their record's equality answers; the text of notes in every table that holds notes), a
// special barrier and a special benefit (reference items marked special in the reference data, not
// guessed from their codes), and audit and import entries carrying them. Then, on every channel a
// viewer may call: an administrator's answer holds the canaries only in fields the output schema
// marks (so each withheld column reaches a viewer's channel only through marked fields), and a
// viewer's answer holds none. The people behind an indicator whose rule chooses by a special
// barrier (drill-down, warnings, what changed since submission) are checked on their own below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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
const BENEFIT = 'zz_canary_benefit';
let t: TestBackend;
let id: number;
let batchId: number;
/** column → the canary it holds (every column of the record the registry withholds from viewers). */
const canaries = new Map<string, string>();
/** `table.column` → the canary a row of another table about people holds (notes). */
const rowCanaries = new Map<string, string>();
/** Inputs that reach those rows (their own id, their person). */
const rowInputs: object[] = [];

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
  await db.insertInto('participant_benefits').values({ participant_id: id, benefit_code: BENEFIT }).execute();
  for (const [list, code, label] of [
    ['barrier', BARRIER, BARRIER_LABEL],
    ['benefit', BENEFIT, 'Zz canary benefit label'],
  ] as const)
    await db
      .insertInto('reference_items')
      .values({ list, code, label, sort_order: 99, extra_json: JSON.stringify({ specialCategory: true }) })
      .execute();
  // Every other table's withheld columns (the text of notes): a canary in a row of the demo data, or
  // in a row of the canary person where the demo has none.
  await db
    .insertInto('participant_notes')
    .values({ participant_id: id, body: 'placeholder', created_at: '2026-06-01T09:00:00.000Z', created_by: t.staffId })
    .execute();
  for (const table of participantTables()) {
    if (table.table === 'participants') continue;
    const withheld = Object.entries(table.columns).filter(([, rule]) => rule.viewers === 'withhold');
    for (const [column] of withheld) {
      const row = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table.table)} order by id limit 1`.execute(db);
      const found = row.rows[0];
      if (!found) throw new Error(`The demo data has no ${table.table}: plant its canary another way`);
      const canary = `zz-canary-${table.table}-${column}`;
      await sql`update ${sql.table(table.table)} set ${sql.ref(column)} = ${canary} where id = ${found.id}`.execute(db);
      rowCanaries.set(`${table.table}.${column}`, canary);
      // The row's own id and every id it points at (its person, its outcome) open the screens showing it.
      for (const [k, v] of Object.entries(found))
        if ((k === 'id' || k.endsWith('_id')) && typeof v === 'number') rowInputs.push({ id: v });
      rowInputs.push({ participantId: found.participant_id });
    }
  }
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
const needles = () => [...canaries.values(), ...rowCanaries.values(), BARRIER, BARRIER_LABEL, BENEFIT];
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
      ...rowInputs.filter((x, i) => rowInputs.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i),
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
    // PIP and ESA are paid for a health condition or disability: marked in the benefit list.
    expect(special.has('benefit', 'pip')).toBe(true);
    expect(special.has('benefit', 'esa')).toBe(true);
    expect(special.has('benefit', 'universal_credit')).toBe(false);
    expect(special.has('benefit', BENEFIT)).toBe(true); // an item stored with the flag
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
    expect(withheldFieldNames.get('benefits')).toBe('benefit');
    expect(withheldFieldNames.get('body')).toBe('all'); // a note's text
    expect(withheldFieldNames.get('notes')).toBe('all');
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

describe('the people behind an indicator whose rule chooses by a special-category barrier', () => {
  const period = { from: '2026-01-01', to: '2026-03-31' };
  let setId: number;
  let onlySpecial: number;
  const viewerClient = 'viewer-rules';

  beforeAll(async () => {
    const db = t.backend.store.db;
    const viewer = await db
      .insertInto('staff')
      .values({
        display_name: 'Rule Viewer',
        email: null,
        role: 'viewer',
        password_hash: null,
        locked_until: null,
        created_at: '2026-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await t.backend.call(viewerClient, 'session.start', { staffId: viewer.id })).ok).toBe(true);
    // Counted only under the special rule: in SG2 (the control counts SG1), eligibility pending (a warning).
    onlySpecial = await aParticipant(db, {
      reference: 'SW-ONLYSP',
      postcode: 'SG2 1AA',
      postcode_district: 'SG2',
      eligibility_status: 'pending',
    });
    await db
      .insertInto('participant_barriers')
      .values({ participant_id: onlySpecial, barrier_code: BARRIER })
      .execute();
    const set = (await t.ok('returns.sets', {}))[0]!;
    setId = set.id;
    const base = {
      dateField: 'start_date',
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: false,
    } as const;
    const indicator = (code: string, rule: object) => ({
      code,
      title: `Indicator ${code}`,
      definition: 'For the test.',
      unit: 'People',
      evidenceRequired: '',
      interventionCode: null,
      definitionStatus: 'local_draft' as const,
      rule: { subject: 'participants' as const, ...base, ...rule },
    });
    await t.ok('returns.saveSetVersion', {
      setId,
      basedOnVersionId: (await t.ok('returns.setDetail', { setId })).versionId,
      note: 'Rules on a special barrier',
      indicators: [
        indicator('ZZ-1', { barriers: [BARRIER] }),
        // Leaves out the people of ZZ-1: who is left out says they face the barrier too.
        indicator('ZZ-2', { notCountedUnder: ['ZZ-1'] }),
        indicator('ZZ-3', { postcodeDistricts: ['SG1'], barriers: ['esol'] }),
        indicator('ZZ-4', { postcodeDistricts: ['SG1'] }),
      ],
    });
  });

  const references = (value: unknown) => JSON.stringify(value).match(/SW-ONLYSP|SW-CNRY01/g) ?? [];

  it('the drill-down: an administrator sees the people, a viewer the count and why not the people', async () => {
    for (const code of ['ZZ-1', 'ZZ-2']) {
      const admin = await t.ok('returns.lines', { setId, ...period, indicatorCode: code });
      const asViewer = await t.backend.call(viewerClient, 'returns.lines', { setId, ...period, indicatorCode: code });
      if (!asViewer.ok) throw new Error(asViewer.error.message);
      expect(admin.lines.length, code).toBeGreaterThan(0);
      expect(asViewer.value.lines, code).toEqual([]);
      expect(asViewer.value.total).toBe(admin.total); // the figure itself is not withheld
      expect(asViewer.value.criteria).toEqual([{ code: BARRIER, label: BARRIER_LABEL, specialCategory: true }]);
    }
    expect(references((await t.ok('returns.lines', { setId, ...period, indicatorCode: 'ZZ-1' })).lines)).toContain(
      'SW-ONLYSP',
    );
    // A barrier that is not special category, or none: a viewer sees the people.
    for (const code of ['ZZ-3', 'ZZ-4']) {
      const asViewer = await t.backend.call(viewerClient, 'returns.lines', { setId, ...period, indicatorCode: code });
      if (!asViewer.ok) throw new Error(asViewer.error.message);
      expect(asViewer.value.lines.length, code).toBeGreaterThan(0);
    }
  });

  it('the warnings: none names someone counted only under the special rule', async () => {
    const input = { setId, ...period, warnings: true };
    const admin = await t.ok('returns.compute', input);
    const mine = admin.warnings.filter((w) => w.participantId === onlySpecial);
    expect(mine.length).toBeGreaterThan(0);
    const asViewer = await t.backend.call(viewerClient, 'returns.compute', input);
    if (!asViewer.ok) throw new Error(asViewer.error.message);
    expect(JSON.stringify(asViewer.value)).not.toContain('SW-ONLYSP');
    // Theirs are withheld (and those of people counted only under ZZ-2, which leaves out ZZ-1's).
    expect(asViewer.value.warnings.filter((w) => w.message === null).length).toBeGreaterThanOrEqual(mine.length);
    expect(asViewer.value.warnings.filter((w) => w.message !== null).length).toBeGreaterThan(0);
  });

  it('what changed since a submitted return: the added people are withheld from a viewer', async () => {
    const { returnId } = await t.ok('returns.submit', { setId, ...period, note: null });
    const late = await aParticipant(t.backend.store.db, {
      reference: 'SW-LATESP',
      start_date: '2026-02-02',
      postcode: 'SG3 1AA',
      postcode_district: 'SG3',
    });
    await aParticipant(t.backend.store.db, { reference: 'SW-LATEOK', start_date: '2026-02-02' });
    await t.backend.store.db
      .insertInto('participant_barriers')
      .values({ participant_id: late, barrier_code: BARRIER })
      .execute();
    const admin = await t.ok('returns.detail', { returnId });
    const zz1 = admin.changes.find((c) => c.code === 'ZZ-1')!;
    expect(zz1.added.map((l) => l.reference)).toContain('SW-LATESP');
    const asViewer = await t.backend.call(viewerClient, 'returns.detail', { returnId });
    if (!asViewer.ok) throw new Error(asViewer.error.message);
    expect(JSON.stringify(asViewer.value)).not.toContain('SW-LATESP');
    const seen = asViewer.value.changes.find((c) => c.code === 'ZZ-1')!;
    expect(seen).toMatchObject({ added: [], removed: [], now: zz1.now, submitted: zz1.submitted });
    // ZZ-4 (no special criteria) shows the same change to a viewer.
    expect(asViewer.value.changes.find((c) => c.code === 'ZZ-4')!.added.length).toBeGreaterThan(0);
  });
});
