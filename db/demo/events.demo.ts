// Demo data for events and activities: a year of careers fairs, school STEM sessions, site visits
// and employer workshops, with headcounts by age group (and school, for school groups), a few
// linked to the Queensway Section 106 obligation (its site visits and school engagements), adult
// participants named as attending (16 or over on the day, started on the programme by then), one
// event this month and one still to come. Runs after keyworker support, so the earlier steps'
// random draws stay as they were.
import type { Insertable } from 'kysely';
import type { EventAgeGroup, EventHeadcountsTable } from '../store/tables/events.tables';
import { ageOn } from '../../shared/domain/dates';
import type { DemoStep } from './demo-context';
import { addDays } from './random';

interface DemoEvent {
  kind: string;
  title: string;
  /** Days before the demo's today (negative: still to come). */
  daysAgo: number;
  organiser: 'college' | 'contractor' | null;
  venue: string;
  school?: string;
  queensway?: boolean;
  /** Headcounts: [age group, school or '', how many]. */
  counts: Array<[EventAgeGroup, string, number]>;
  named: number;
}

const schools = ['Barclay Academy', 'The Nobel School', 'Marriotts School', 'Thomas Alleyne Academy'];

const events: DemoEvent[] = [
  {
    kind: 'careers_fair',
    title: 'Stevenage construction careers fair',
    daysAgo: 300,
    organiser: 'college',
    venue: 'North Hertfordshire College, Stevenage Centre',
    counts: [
      ['age_11_15', schools[0]!, 46],
      ['age_11_15', schools[1]!, 38],
      ['age_16_18', '', 52],
      ['age_19_24', '', 31],
      ['age_25_plus', '', 27],
    ],
    named: 6,
  },
  {
    kind: 'school_stem_session',
    title: 'Bridges and structures STEM day',
    daysAgo: 240,
    organiser: 'contractor',
    venue: 'Barclay Academy',
    school: schools[0]!,
    queensway: true,
    counts: [['age_11_15', schools[0]!, 58]],
    named: 0,
  },
  {
    kind: 'site_visit',
    title: 'Queensway site visit for the CSCS course group',
    daysAgo: 180,
    organiser: 'contractor',
    venue: 'Queensway, Stevenage town centre',
    queensway: true,
    counts: [
      ['age_16_18', '', 4],
      ['age_19_24', '', 6],
      ['age_25_plus', '', 5],
    ],
    named: 5,
  },
  {
    kind: 'employer_workshop',
    title: 'Interview skills with site managers',
    daysAgo: 130,
    organiser: 'contractor',
    venue: 'Stevenage Works hub, Danestrete',
    counts: [
      ['age_19_24', '', 7],
      ['age_25_plus', '', 9],
    ],
    named: 6,
  },
  {
    kind: 'school_stem_session',
    title: 'Women in construction: Year 10 taster',
    daysAgo: 75,
    organiser: 'college',
    venue: 'The Nobel School',
    school: schools[1]!,
    queensway: true,
    counts: [
      ['age_11_15', schools[1]!, 34],
      ['under_11', schools[3]!, 12],
    ],
    named: 0,
  },
  {
    kind: 'site_visit',
    title: 'Queensway roof and frame visit',
    daysAgo: 40,
    organiser: 'contractor',
    venue: 'Queensway, Stevenage town centre',
    queensway: true,
    counts: [
      ['age_16_18', '', 3],
      ['age_19_24', '', 5],
      ['age_25_plus', '', 4],
    ],
    named: 4,
  },
  {
    kind: 'careers_fair',
    title: 'Jobcentre Plus jobs and training fair',
    daysAgo: 3,
    organiser: null,
    venue: 'Stevenage Jobcentre Plus',
    counts: [
      ['age_16_18', '', 18],
      ['age_19_24', '', 44],
      ['age_25_plus', '', 71],
    ],
    named: 5,
  },
  {
    kind: 'employer_workshop',
    title: 'Apprenticeships explained: employers and parents',
    daysAgo: -21,
    organiser: 'college',
    venue: 'North Hertfordshire College, Stevenage Centre',
    counts: [],
    named: 0,
  },
];

export const eventsStep: DemoStep = {
  name: 'events and activities',
  async run(ctx) {
    const { tx, rng, today } = ctx;
    const college = await tx.selectFrom('organisations').select('id').where('kind', '=', 'college').executeTakeFirst();
    const contractor = await tx
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Queensway Homes Contracting')
      .executeTakeFirst();
    const partners = await tx
      .selectFrom('organisations')
      .select('id')
      .where('kind', 'in', ['employer', 'contractor'])
      .orderBy('id')
      .limit(3)
      .execute();
    const queensway = await tx
      .selectFrom('social_value_contracts')
      .select('id')
      .where('reference', '=', 'S106-QW')
      .executeTakeFirst();
    const by = ctx.staffIds[0] ?? null;
    for (const e of events) {
      const heldOn = addDays(today, -e.daysAgo);
      const at = `${e.daysAgo > 0 ? heldOn : addDays(today, -1)}T16:00:00.000Z`;
      const organiser = e.organiser === 'college' ? college?.id : e.organiser === 'contractor' ? contractor?.id : null;
      const { id } = await tx
        .insertInto('events')
        .values({
          kind: e.kind,
          title: e.title,
          held_on: heldOn,
          organiser_org_id: organiser ?? null,
          venue: e.venue,
          school: e.school ?? null,
          contract_id: e.queensway ? (queensway?.id ?? null) : null,
          notes: null,
          created_at: at,
          created_by: by,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const partnerIds = new Set(partners.map((p) => p.id).filter((p) => p !== organiser && rng.chance(0.6)));
      if (partnerIds.size)
        await tx
          .insertInto('event_partners')
          .values([...partnerIds].map((organisation_id) => ({ event_id: id, organisation_id })))
          .execute();
      const counts: Insertable<EventHeadcountsTable>[] = e.counts.map(([age_group, school, n]) => ({
        event_id: id,
        age_group,
        school,
        headcount: n + rng.int(0, 3),
      }));
      if (counts.length) await tx.insertInto('event_headcounts').values(counts).execute();
      // Named attendance: adults who had started on the programme by the day.
      const eligible = ctx.participants.filter(
        (p) => p.dateOfBirth && p.startDate <= heldOn && ageOn(p.dateOfBirth, heldOn) >= 16,
      );
      const named = new Set<number>();
      for (let i = 0; i < e.named * 3 && named.size < Math.min(e.named, eligible.length); i++)
        named.add(rng.pick(eligible).id);
      if (named.size)
        await tx
          .insertInto('event_attendees')
          .values(
            [...named].map((participant_id) => ({ event_id: id, participant_id, created_at: at, created_by: by })),
          )
          .execute();
    }
  },
};
