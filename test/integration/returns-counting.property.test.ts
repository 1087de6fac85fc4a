// Property: for any small programme, the counts equal what the rules say (a plain-JS oracle),
// whatever order the rows were inserted in, and however often a person's events repeat (a person
// counts once per indicator; only item-counted indicators grow with repeated items).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestBackend, type TestBackend } from '../support/backend';
import { anOutcome, aPerson, setIdOf, withVersionOneRules } from '../support/returns-builders';

const PERIOD = { from: '2025-04-01', to: '2025-09-30' };
const DAYS = ['2025-03-31', '2025-04-01', '2025-06-15', '2025-09-30', '2025-10-01'];
const TYPES = [
  'job_start',
  'apprenticeship_start',
  'self_employment',
  'job_search_engaged',
  'education_training',
] as const;
const STATUSES = ['verified', 'unverified', 'has_issues', 'rejected'] as const;
const LMS = [
  'unemployed',
  'long_term_unemployed',
  'inactive_in_education',
  'inactive_not_in_education',
  'employed',
] as const;

interface Person {
  lms: (typeof LMS)[number];
  eligible: boolean;
  start: string;
  district: 'SG1' | 'SG2' | 'SG4';
}
interface Event {
  person: number;
  type: (typeof TYPES)[number];
  date: string;
  status: (typeof STATUSES)[number];
  construction: boolean;
}
interface Programme {
  people: Person[];
  events: Event[];
}

const programmeArb: fc.Arbitrary<Programme> = fc
  .array(
    fc.record({
      lms: fc.constantFrom(...LMS),
      eligible: fc.boolean(),
      start: fc.constantFrom(...DAYS),
      district: fc.constantFrom('SG1' as const, 'SG2' as const, 'SG4' as const),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .chain((people) =>
    fc.record({
      people: fc.constant(people),
      events: fc.uniqueArray(
        fc.record({
          person: fc.nat(people.length - 1),
          type: fc.constantFrom(...TYPES),
          date: fc.constantFrom(...DAYS),
          status: fc.constantFrom(...STATUSES),
          construction: fc.boolean(),
        }),
        { maxLength: 14, selector: (e) => `${e.person}|${e.type}|${e.date}` },
      ),
    }),
  );

const inPeriod = (d: string) => d >= PERIOD.from && d <= PERIOD.to;

/** What the shipped rules say, computed without SQL. */
function oracle(p: Programme): Record<string, number> {
  const persons = (pred: (e: Event) => boolean) => new Set(p.events.filter(pred).map((e) => e.person)).size;
  const eligible = (i: number) => p.people[i]!.eligible;
  const starters = (lms: readonly string[]) =>
    p.people.filter((x) => x.eligible && inPeriod(x.start) && lms.includes(x.lms)).length;
  return {
    'UKSPF-O1': starters(['inactive_in_education', 'inactive_not_in_education']),
    'UKSPF-O2': starters(['unemployed', 'long_term_unemployed']),
    'UKSPF-O3': persons(
      (e) => eligible(e.person) && e.type === 'job_search_engaged' && e.status === 'verified' && inPeriod(e.date),
    ),
    'UKSPF-R1': persons(
      (e) =>
        eligible(e.person) &&
        ['job_start', 'apprenticeship_start', 'self_employment'].includes(e.type) &&
        e.status === 'verified' &&
        inPeriod(e.date),
    ),
    'UKSPF-R3': persons(
      (e) => eligible(e.person) && e.type === 'education_training' && e.status === 'verified' && inPeriod(e.date),
    ),
    'SW-4': p.events.filter(
      (e) => e.type === 'job_start' && e.construction && e.status !== 'rejected' && inPeriod(e.date),
    ).length,
    'SW-5': p.events.filter((e) => e.type === 'apprenticeship_start' && e.status !== 'rejected' && inPeriod(e.date))
      .length,
    'SW-6': persons(
      (e) =>
        p.people[e.person]!.district !== 'SG4' &&
        ['job_start', 'apprenticeship_start', 'self_employment', 'education_training'].includes(e.type) &&
        e.status !== 'rejected' &&
        inPeriod(e.date),
    ),
  };
}

let t: TestBackend;
let sets: { ukspf: number; headline: number };

async function countsFor(p: Programme, order: { people: number[]; events: number[] }): Promise<Record<string, number>> {
  const db = t.backend.store.db;
  for (const table of ['evidence_items', 'outcomes', 'participants'] as const) await db.deleteFrom(table).execute();
  const ids = new Map<number, number>();
  for (const i of order.people) {
    const x = p.people[i]!;
    ids.set(
      i,
      await aPerson(db, {
        labour_market_status: x.lms,
        eligibility_status: x.eligible ? 'eligible' : 'pending',
        start_date: x.start,
        postcode: `${x.district} 1AA`,
        postcode_district: x.district,
      }),
    );
  }
  for (const j of order.events) {
    const e = p.events[j]!;
    await anOutcome(db, {
      participantId: ids.get(e.person)!,
      type: e.type,
      date: e.date,
      status: e.status,
      sector: e.construction ? 'construction' : 'retail',
    });
  }
  const out: Record<string, number> = {};
  for (const setId of [sets.ukspf, sets.headline]) {
    const r = await t.ok('returns.compute', { setId, ...PERIOD });
    for (const i of r.indicators) out[i.code] = i.count;
  }
  return out;
}

function shuffled(n: number, seed: number): number[] {
  const a = [...Array(n).keys()];
  let s = seed || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

beforeAll(async () => {
  t = await createTestBackend();
  // The oracle is of the counting mechanics; nobody here has funding recorded.
  await withVersionOneRules(t, t.backend.store.db, 'UKSPF-PS');
  sets = {
    ukspf: await setIdOf(t.backend.store.db, 'UKSPF-PS'),
    headline: await setIdOf(t.backend.store.db, 'SW-HEADLINE'),
  };
});
afterAll(async () => t.close());

describe('counting is what the rules say, whatever the order and repetition', () => {
  it('matches the oracle in any insertion order', async () => {
    await fc.assert(
      fc.asyncProperty(programmeArb, fc.integer({ min: 1, max: 1_000_000 }), async (p, seed) => {
        const natural = await countsFor(p, { people: [...p.people.keys()], events: [...p.events.keys()] });
        const expected = oracle(p);
        expect(natural).toMatchObject(expected);
        const other = await countsFor(p, {
          people: shuffled(p.people.length, seed),
          events: shuffled(p.events.length, seed + 7),
        });
        expect(other).toEqual(natural);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('repeating a person’s qualifying event on another day changes only item-counted indicators', async () => {
    await fc.assert(
      fc.asyncProperty(programmeArb, fc.nat(), async (p, pick) => {
        const base = await countsFor(p, { people: [...p.people.keys()], events: [...p.events.keys()] });
        const qualifying = p.events.filter((e) => inPeriod(e.date) && e.status === 'verified');
        if (!qualifying.length) return;
        const e = qualifying[pick % qualifying.length]!;
        const day = ['2025-04-01', '2025-06-15', '2025-09-30'].find(
          (d) => !p.events.some((x) => x.person === e.person && x.type === e.type && x.date === d),
        );
        if (!day) return;
        const repeated: Programme = { people: p.people, events: [...p.events, { ...e, date: day }] };
        const after = await countsFor(repeated, { people: [...p.people.keys()], events: [...repeated.events.keys()] });
        for (const code of ['UKSPF-O1', 'UKSPF-O2', 'UKSPF-O3', 'UKSPF-R1', 'UKSPF-R3', 'SW-6'])
          expect(after[code], code).toBe(base[code]);
        expect(after).toMatchObject(oracle(repeated));
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
