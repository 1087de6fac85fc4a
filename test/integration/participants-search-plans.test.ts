// Participant quick search on a team database (PostgreSQL), at a few thousand people: the
// statements the grid's search runs (its rows and its capped total, and the outcome, placement
// and candidate grids' person search) reach participants through the trigram indexes on the
// stored folded texts (migration 0250), and never read the whole participants table. Before
// 0250 the folded texts were worked out for every row and the planner read the table instead.
// SQLite's plans for the same statements: participants-search.test.ts and grid-search-plans.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestBackend, type TestBackend } from '../support/backend';
import { participantValues } from '../support/builders';
import { isPostgresRun } from '../support/test-store';
import { firstNames, lastNames } from '../../db/demo/names';
import { pageParticipants } from '../../db/features/participants/participants.repository';
import { pageOutcomes } from '../../db/features/outcomes/outcomes.repository';
import { setLogSink } from '../../db/backend/log';
import { statementPlans } from '../support/query-plans';

setLogSink(() => {});

// At 3,000 the planner still reads the table for a common surname (1 in 88 people here): with the
// texts stored that costs about 2 ms, against 0.1 ms by the index; from about 5,000 on it uses the index.
const PEOPLE = 5_000;
let t: TestBackend;
type Db = TestBackend['backend']['store']['db'];

/** Person i of the store: names from the demo's lists, identifiers of their own. */
function person(i: number) {
  const n = String(i).padStart(6, '0');
  return participantValues({
    reference: `SW-${n}`,
    first_name: firstNames[(i * 7) % firstNames.length]!,
    last_name: lastNames[(i * 13) % lastNames.length]!,
    ni_number: `JK${n}D`,
    postcode: `SG${1 + (i % 2)} ${i % 10}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 3) % 26))}`,
    phone: `07700 ${n}`,
    phone_digits: `07700${n}`,
  });
}

beforeAll(async () => {
  if (!isPostgresRun) return;
  t = await createTestBackend({ role: 'officer' });
  const db = t.backend.store.db;
  for (let i = 1; i <= PEOPLE; i += 500)
    await db
      .insertInto('participants')
      .values(Array.from({ length: Math.min(500, PEOPLE - i + 1) }, (_, k) => person(i + k)))
      .execute();
  // As autovacuum would soon after people are added: the planner sees the real numbers.
  await sql`analyze`.execute(db);
}, 120_000);
afterAll(async () => {
  if (isPostgresRun) await t.close();
});

/** The store's plan for every statement `run` runs. */
const plansOf = (run: (db: Db) => Promise<unknown>) => statementPlans(t.backend.store.db, run);

const everyone = { staffId: null, canSeeSpecial: true };
const searches = [
  ['a surname', lastNames[13]!.toLowerCase()],
  ['a first name and surname', `${firstNames[7]} ${lastNames[13]}`],
  ['a short first name and a surname', `${firstNames[7]!.slice(0, 2)} ${lastNames[13]}`],
  ['a reference', 'SW-001234'],
  ['a reference without its dash', 'sw001234'],
  ['an NI fragment in pairs', '12 34'],
  ['an NI fragment', 'k001234'],
  ['a postcode', 'sg1 4mk'],
  ['a phone number', '07700 001234'],
] as const;

// PostgreSQL only: reads PostgreSQL's plans (SQLite's: participants-search.test.ts).
describe.skipIf(!isPostgresRun)(`quick search plans at ${PEOPLE.toLocaleString('en-GB')} people`, () => {
  it.each(searches)('the participants grid finds %s through the trigram indexes', async (_what, search) => {
    const plans = await plansOf((db) =>
      pageParticipants(db, { offset: 0, limit: 100, search, sort: [], filters: {} }, everyone),
    );
    // The page's ids and the count come from the search (through the trigram indexes); the
    // page's rows are then read by id (the primary key). No statement reads every person.
    const searched = plans.filter((plan) => /Bitmap Index Scan on participant_search_(name|ident)/.test(plan));
    expect(searched.length).toBeGreaterThanOrEqual(1);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on participants/);
  });

  it('the outcomes grid finds people through the trigram indexes too', async () => {
    const plans = await plansOf((db) =>
      pageOutcomes(db, { offset: 0, limit: 100, search: 'smith', sort: [], filters: {} }, '2026-06-01'),
    );
    const searched = plans.filter((plan) => plan.includes('participant_search'));
    expect(searched.length).toBeGreaterThanOrEqual(1);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on participants/);
  });
});
