// Builders for the vacancies area's tests: a person site ready under the default rule (a valid
// CSCS card, an HS&E pass, PPE and a sign-off, straight into their tables), and an employer, a
// contract and an open vacancy made through the channels as an officer would.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/store/schema';
import type { NewParticipant } from '../../db/store/tables/participants.tables';
import type { ChannelInput } from '../../shared/contract/index';
import { TEST_NOW, type TestBackend } from './backend';
import { aParticipant } from './builders';

export async function aSiteReadyPerson(
  db: Kysely<Database>,
  overrides: Partial<NewParticipant> = {},
  cardType = 'green_labourer',
): Promise<number> {
  const id = await aParticipant(db, { eligibility_status: 'eligible', ...overrides } as Partial<NewParticipant>);
  await db
    .insertInto('cscs_cards')
    .values({
      participant_id: id,
      card_type: cardType,
      card_number: `C${id}`,
      issued_on: '2026-06-01',
      expires_on: '2028-05-31',
      is_first_labourer_card: 1,
      created_at: TEST_NOW,
    })
    .execute();
  await db
    .insertInto('hse_tests')
    .values({ participant_id: id, taken_on: '2026-05-20', score: 47, created_at: TEST_NOW })
    .execute();
  await db
    .insertInto('ppe_issues')
    .values({ participant_id: id, issued_on: '2026-06-02', items: 'boots, hi-vis', created_at: TEST_NOW })
    .execute();
  await db
    .insertInto('site_ready_signoffs')
    .values({ participant_id: id, signed_on: '2026-06-03', created_at: TEST_NOW })
    .execute();
  return id;
}

export async function anEmployerWithContract(t: TestBackend, name = 'Fairlands Build Ltd') {
  const employer = await t.ok('organisations.save', { name, kind: 'contractor', sector: 'construction' });
  const contract = await t.ok('contracts.save', {
    name: `${name} regeneration`,
    contractorOrgId: employer.id,
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    commitments: [
      { kind: 'local_jobs', target: 10 },
      { kind: 'apprenticeships', target: 2 },
    ],
  });
  return { employerId: employer.id, contractId: contract.id };
}

export async function aVacancy(
  t: TestBackend,
  over: Partial<ChannelInput<'vacancies.save'>> & { employerOrgId: number },
): Promise<number> {
  const saved = await t.ok('vacancies.save', {
    jobTitle: 'Groundworker',
    kind: 'job',
    places: 3,
    site: 'Town Square',
    hoursPerWeek: 39,
    wagePence: 1450,
    wagePer: 'hour',
    closingDate: '2026-12-11',
    ...over,
  });
  return saved.id;
}
