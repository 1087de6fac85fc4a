// Known answers for where people live: starts and outcomes by ward and by deprivation decile on
// the dashboard (and in its workbook, read back by openpyxl), the people of a return by ward and
// decile, and counting rules filtering on the local area, a local authority, a ward or deciles.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { loadSyntheticGeography } from '../support/geography';
import { readWithOpenpyxl } from '../support/openpyxl';
import { anOutcome, setIdOf } from '../support/returns-builders';
import { countIndicator } from '../../db/features/returns/indicator-engine';
import type { CountingRule } from '../../shared/domain/counting-rule';
import type { ParticipantRecordInput } from '../../shared/domain/participant-record';

let t: TestBackend;
const ids: Record<string, number> = {};
const FY = { from: '2025-04-01', to: '2026-03-31' };

beforeAll(async () => {
  t = await createTestBackend({ now: '2026-04-10T10:00:00.000Z' });
  await loadSyntheticGeography(t);
  const person = async (key: string, postcode: string, startDate: string) => {
    const record: ParticipantRecordInput = {
      firstName: key,
      lastName: 'Person',
      dateOfBirth: '01/01/1990',
      niStatus: 'not_yet_known',
      postcode,
      startDate,
    };
    ids[key] = (await t.ok('participants.create', { record, duplicatesReviewed: true })).id;
  };
  await person('A', 'SG1 1CK', '1/5/2025'); // Bedwell, decile 2
  await person('B', 'SG1 2CC', '1/6/2025'); // Bedwell, decile 2
  await person('C', 'SG2 1KC', '1/7/2025'); // Shephall, decile 3
  await person('D', 'SG1 9CC', '1/8/2025'); // Wymondley, North Hertfordshire, decile 9
  await person('E', 'SG1 9VV', '1/9/2025'); // not in the directory
  await person('F', 'SG1 3KC', '1/1/2024'); // Old Town, decile 9: started before the period
  const db = t.backend.store.db;
  await anOutcome(db, { participantId: ids.A!, type: 'job_start', date: '2025-10-01' });
  await anOutcome(db, { participantId: ids.A!, type: 'apprenticeship_start', date: '2025-11-01' });
  await anOutcome(db, { participantId: ids.C!, type: 'job_start', date: '2025-12-01', status: 'rejected' });
  await anOutcome(db, { participantId: ids.D!, type: 'job_start', date: '2025-12-01' });
  await anOutcome(db, { participantId: ids.F!, type: 'job_start', date: '2026-01-15' });
});
afterEach(() => undefined);

describe('dashboard by ward and by deprivation decile', () => {
  it('counts starts and outcomes in the period by ward, local wards first, and by every decile', async () => {
    const d = await t.ok('returns.dashboard', FY);
    expect(d.areas.byWard.map((r) => [r.label, r.starts, r.outcomes])).toEqual([
      ['Bedwell', 2, 2],
      ['Old Town', 0, 1],
      ['Shephall', 1, 0],
      ['Wymondley (North Hertfordshire)', 1, 1],
      ['Not known (no postcode, not in the directory, or no directory loaded)', 1, 0],
    ]);
    expect(d.areas.byDecile.map((r) => [r.key, r.starts, r.outcomes])).toEqual([
      ['1', 0, 0],
      ['2', 2, 2],
      ['3', 1, 0],
      ['4', 0, 0],
      ['5', 0, 0],
      ['6', 0, 0],
      ['7', 0, 0],
      ['8', 0, 0],
      ['9', 1, 2],
      ['10', 0, 0],
      ['unknown', 1, 0],
    ]);
    expect(d.areas.byDecile[0]!.label).toBe('1 (most deprived 10%)');
    // "Local people benefitting" counts the local area: A and F, not D in a North Hertfordshire village.
    expect(d.headline.find((h) => h.code === 'SW-6')).toMatchObject({
      count: 2,
      sentence: expect.stringMatching(/living in the local area/),
    });
  });

  it('exports the tables, read back by a second reader', async () => {
    const file = await t.exported('returns.dashboard.export', FY);
    const { sheets } = readWithOpenpyxl(file.bytes, t.dir);
    const ward = sheets['By ward']!;
    const header = ward.findIndex((r) => r[0] === 'Ward');
    expect(ward[header]).toEqual(['Ward', 'Starts', 'Outcomes']);
    expect(ward[header + 1]).toEqual(['Bedwell', 2, 2]);
    const decile = sheets['By deprivation decile']!;
    expect(decile.find((r) => r[0] === '2')).toEqual(['2', 2, 2]);
  });
});

describe('a return by ward and decile', () => {
  it('lists the people it counts, each once, by where they live', async () => {
    const setId = await setIdOf(t.backend.store.db, 'SW-HEADLINE');
    const areas = await t.ok('geography.returnAreas', { setId, ...FY });
    // Nobody's eligibility is confirmed (no starts counted); A's apprenticeship and the local
    // people with an outcome (A, F) are: two people, once each.
    expect(areas.people).toBe(2);
    expect(areas.byWard.map((r) => [r.label, r.people])).toEqual([
      ['Bedwell', 1],
      ['Old Town', 1],
    ]);
    expect(areas.byDecile.filter((r) => r.people).map((r) => [r.key, r.people])).toEqual([
      ['2', 1],
      ['9', 1],
    ]);
    expect(areas.byDecile).toHaveLength(10);
  });
});

describe('counting rules filter on where people live', () => {
  const starts = (area: CountingRule['area']): CountingRule => ({
    subject: 'participants',
    dateField: 'start_date',
    countDistinct: 'participant',
    excludeClaimedInSubmittedReturns: false,
    ...(area ? { area } : {}),
  });
  const count = (rule: CountingRule) =>
    countIndicator(t.backend.store.db, rule, 'X', { setId: 1, funderId: 0, ...FY, siblings: new Map() });

  it('by the local area, a local authority, a ward and deciles', async () => {
    expect(await count(starts(undefined))).toBe(5);
    expect(await count(starts({ level: 'local', codes: [] }))).toBe(3);
    expect(await count(starts({ level: 'local_authority', codes: ['E07000099'] }))).toBe(1);
    expect(await count(starts({ level: 'ward', codes: ['E05900001'] }))).toBe(2);
    expect(await count(starts({ level: 'imd_decile', codes: ['1', '2', '3'] }))).toBe(3);
    expect(await count(starts({ level: 'postcode_district', codes: ['SG2'] }))).toBe(1);
  });

  it('reads as a sentence with the areas named', async () => {
    const { sentence } = await t.ok('returns.describeRule', {
      rule: starts({ level: 'ward', codes: ['E05900001', 'E05900008'] }),
    });
    expect(sentence).toBe(
      'Participants who started in the period — people living in the wards Bedwell or Shephall, each person once.',
    );
    const deciles = await t.ok('returns.describeRule', { rule: starts({ level: 'imd_decile', codes: ['1', '2'] }) });
    expect(deciles.sentence).toMatch(/living in IMD decile 1 or 2 \(1 = most deprived\)/);
  });
});
