// Compiles an indicator's counting rule into ONE query: the items the rule admits in the period
// (with participant filters, claimed-before and "counted under another indicator" exclusions
// as NOT EXISTS / NOT IN subqueries), each with the funding stream and project it is attributed
// to (db/features/funding/attribution-sql.ts) and kept only when its funding is what the rule
// counts, then one line per person, item or employer as the rule says, with the details the
// return needs. The query is built with Kysely over a dynamic table
// per subject, so it is typed loosely here and the rows are checked by the contract's schema.
// Its SQL stays here, not in a repository: compiling rules into a query is this module's one job.
import type { Role } from '../../../shared/contract/define';
import { textAs } from '../../store/tables/readable-columns';
import { sql, type Kysely, type SelectQueryBuilder, type RawBuilder } from 'kysely';
import { ageBandsWithin, type CountingRule } from '../../../shared/domain/counting-rule';
import type { Db } from '../../store/schema';
import { attributedProject, attributedStream, attributionDate } from '../funding/attribution-sql';
import { participantAreaCondition } from '../geography/resolution';
import { participantsByIdNarrow } from '../../store/dialect';

export interface EngineScope {
  setId: number;
  /** Whose columns the lines read (readable-columns.ts): a viewer's have no special-category
   * columns, which a viewer's team database login may not select. Default: every column. */
  reader?: Role;
  from: string;
  to: string;
  /** Claims in submitted returns with an id below this are excluded (re-running a return);
   * undefined = every submitted return of the set (a new return). */
  claimsBeforeReturnId?: number;
  /** The other indicators of the same set version, by code (for notCountedUnder). */
  siblings: ReadonlyMap<string, CountingRule>;
  /** The set's funder: a rule with `funding: 'funder'` counts only items attributed to its streams. */
  funderId: number;
  /** 'counted' (default): what the rule counts. 'unattributed': the items the rule would count
   * but that have no funding stream at all (for the return's warnings). */
  attribution?: 'counted' | 'unattributed';
  /** Ignore earlier claims (the cumulative figure over the agreement to date counts each once). */
  ignoreClaims?: boolean;
}

export interface ClaimLine {
  indicatorCode: string;
  personId: number | null;
  participantId: number | null;
  employerId: number | null;
  employerName: string | null;
  itemKind: string;
  itemId: number;
  itemDate: string | null;
  itemLabel: string | null;
  verificationStatus: string | null;
  verifier: string | null;
  evidenceCount: number | null;
  /** 1: an outcome verified without the evidence its type needs (with a reason); else 0 or null. */
  verifiedWithoutEvidence: number | null;
  reference: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  niNumber: string | null;
  postcode: string | null;
  postcodeDistrict: string | null;
  phone: string | null;
  eligibilityStatus: string | null;
  startDate: string | null;
  leaveDate: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
  labourMarketStatus: string | null;
  fundingStreamId: number | null;
  fundingStream: string | null;
  fundingProjectId: number | null;
  fundingProject: string | null;
  /** The intervention of the item's project, when it names one. */
  projectIntervention: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the subject's table is chosen at run time
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see AnyDb
type AnyQuery = SelectQueryBuilder<any, any, any>;

const personKey = sql`coalesce(p.merged_into_id, p.id)`;
/** Typed nulls: a bare null in one branch of a union has no type on PostgreSQL (it is read as
 * text and then fails to join the integer columns of the other branches). */
const nullInteger = sql<number | null>`cast(null as integer)`;
const nullText = sql<string | null>`cast(null as text)`;
const MAX_SIBLING_DEPTH = 2;

/** Column expressions for the period date of each subject's date field. */
function dateExpr(rule: CountingRule): RawBuilder<string> | string {
  // Counting re-entries, a participant's dates are each participation's (see subjectQuery).
  const person = rule.subject === 'participants' && rule.countReEntries ? 'e' : 'p';
  switch (rule.dateField) {
    case 'start_date':
      return rule.subject === 'participants' ? `${person}.start_date` : 'i.start_date';
    case 'referral_date':
      return `${person}.referral_date`;
    case 'outcome_date':
      return 'i.outcome_date';
    case 'run_start_date':
      return 'r.start_date';
    case 'enrolled_on':
      return 'i.enrolled_on';
    case 'completed_on':
      return sql<string>`coalesce(i.completed_on, r.end_date)`;
    case 'end_date':
      return 'i.end_date';
    case 'signed_on':
      return 'i.signed_on';
    case 'starts_on':
      return 'i.starts_on';
    default:
      throw new Error(`Unknown date field ${rule.dateField}`);
  }
}

/** The subject's rows with the common columns every line needs. */
const eligibilityEvidence = sql`(select count(*) from eligibility_checks ec
  where ec.participant_id = p.id and ec.outcome = 'met' and ec.evidence_type is not null)`;

/** The stream and project columns of an item of a person, attributed by its kind's date. */
function attribution(
  kind: 'outcome' | 'placement' | 'enrolment' | 'site_ready' | 'participant',
  date: RawBuilder<unknown> = attributionDate[kind],
) {
  const subject = {
    kind: kind === 'site_ready' || kind === 'participant' ? null : kind,
    itemId: kind === 'participant' ? sql`p.id` : sql`i.id`,
    participantId: sql`p.id`,
    date,
  };
  return [attributedStream(subject).as('stream_id'), attributedProject(subject).as('project_id')];
}

/** The area levels whose column the narrow index of people by id holds (participantsByIdNarrow). */
const narrowAreaLevels = new Set(['local', 'ward', 'imd_decile', 'local_authority']);

/** Whether the rule's items read nothing of their person but what the narrow index of people by
 * id holds: the id, the merged record's id, the area, eligibility and labour-market status
 * (personKey, the attribution's `p.id`, an area, eligibility or status filter). Such a rule reads
 * each item's person through that index, not the wide row: on SQLite that is several times fewer
 * pages for the same rows (migrations 0310, 0311). */
function readsPersonNarrowly(rule: CountingRule): boolean {
  return (
    rule.subject !== 'participants' &&
    rule.subject !== 'course_runs' &&
    !rule.postcodeDistricts?.length &&
    !rule.sexes?.length &&
    !rule.qualificationLevels?.length &&
    !rule.ageAtStart?.length &&
    (!rule.area || narrowAreaLevels.has(rule.area.level))
  );
}

/** The items' people as `p`, joined by the item's participant_id (the same SQL as
 * `participants as p` when the rule reads more of them). */
function personOf(db: AnyDb, rule: CountingRule) {
  return readsPersonNarrowly(rule) ? participantsByIdNarrow(db, 'p') : sql.table('participants').as('p');
}

function subjectQuery(db: AnyDb, rule: CountingRule): AnyQuery {
  switch (rule.subject) {
    case 'funding_spells':
      return db
        .selectFrom('funding_spells as i')
        .innerJoin(personOf(db, rule), 'p.id', 'i.participant_id')
        .innerJoin('funding_streams as fst', 'fst.id', 'i.funding_stream_id')
        .select([
          personKey.as('person_id'),
          'i.participant_id',
          nullInteger.as('employer_id'),
          sql.lit('funding_spell').as('item_kind'),
          'i.id as item_id',
          sql<string>`${sql.lit('Started support: ')} || fst.name`.as('item_label'),
          nullText.as('verification_status'),
          nullInteger.as('verifier_id'),
          eligibilityEvidence.as('evidence_count'),
          nullInteger.as('verified_without_evidence'),
          'i.funding_stream_id as stream_id',
          'i.project_id as project_id',
        ]);
    case 'participants':
      return (
        rule.countReEntries
          ? // Every participation: the record's own (the first) and each later referral.
            db
              .selectFrom(
                db
                  .selectFrom('participants as p0')
                  .select(['p0.id as participant_id', 'p0.start_date', 'p0.referral_date', sql.lit(1).as('is_first')])
                  .unionAll(
                    db
                      .selectFrom('participant_referrals as rr')
                      .select(['rr.participant_id', 'rr.start_date', 'rr.referral_date', sql.lit(0).as('is_first')]),
                  )
                  .as('e'),
              )
              .innerJoin('participants as p', 'p.id', 'e.participant_id')
          : db.selectFrom('participants as p')
      ).select([
        personKey.as('person_id'),
        'p.id as participant_id',
        nullInteger.as('employer_id'),
        sql.lit('participant').as('item_kind'),
        'p.id as item_id',
        rule.countReEntries
          ? sql`case when e.is_first = 1 then 'Started on the programme' else 'Referred again' end`.as('item_label')
          : sql.lit('Started on the programme').as('item_label'),
        nullText.as('verification_status'),
        nullInteger.as('verifier_id'),
        eligibilityEvidence.as('evidence_count'),
        nullInteger.as('verified_without_evidence'),
        // A later participation is attributed by its own dates, as the first is by the record's.
        ...attribution('participant', rule.countReEntries ? sql`coalesce(e.start_date, e.referral_date)` : undefined),
      ]);
    case 'outcomes': {
      // A rule that names its outcome types finds its outcomes by type and date: its status
      // filters are written so that no index is chosen for them (the column is never null, so
      // coalesce changes nothing). Without statistics SQLite's planner otherwise takes the index
      // of status and date, and reads every verified outcome of the period to keep a few types:
      // at 100,000 people a return's job-start lines took 100 ms that way, 27 by type.
      const status = rule.outcomeTypes?.length
        ? sql`coalesce(i.verification_status, '')`
        : sql.ref('i.verification_status');
      let q = db
        .selectFrom('outcomes as i')
        .innerJoin(personOf(db, rule), 'p.id', 'i.participant_id')
        .leftJoin('outcome_types as ot', 'ot.code', 'i.outcome_type')
        .select([
          personKey.as('person_id'),
          'i.participant_id',
          'i.employer_org_id as employer_id',
          sql.lit('outcome').as('item_kind'),
          'i.id as item_id',
          'ot.label as item_label',
          'i.verification_status',
          'i.verified_by as verifier_id',
          sql`(select count(*) from evidence_items ev where ev.outcome_id = i.id)`.as('evidence_count'),
          'i.verified_without_evidence',
          ...attribution('outcome'),
        ])
        // A rejected outcome never counts, whatever the rule.
        .where(status, '!=', 'rejected');
      if (rule.outcomeTypes?.length) q = q.where('i.outcome_type', 'in', rule.outcomeTypes);
      if (rule.verifiedOnly) q = q.where(status, '=', 'verified');
      if (rule.sectors?.length) {
        const sectors = rule.sectors.map((s) => s.toLowerCase());
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(i.sector)`, 'in', sectors),
            eb.exists(
              eb
                .selectFrom('organisations as so')
                .select(sql.lit(1).as('one'))
                .whereRef('so.id', '=', 'i.employer_org_id')
                .where(sql`lower(so.sector)`, 'in', sectors),
            ),
          ]),
        );
      }
      return q;
    }
    case 'enrolments': {
      let q = db
        .selectFrom('enrolments as i')
        .innerJoin(personOf(db, rule), 'p.id', 'i.participant_id')
        .innerJoin('course_runs as r', 'r.id', 'i.course_run_id')
        .innerJoin('course_types as ct', 'ct.id', 'r.course_type_id')
        .select([
          personKey.as('person_id'),
          'i.participant_id',
          nullInteger.as('employer_id'),
          sql.lit('enrolment').as('item_kind'),
          'i.id as item_id',
          'ct.name as item_label',
          nullText.as('verification_status'),
          nullInteger.as('verifier_id'),
          nullInteger.as('evidence_count'),
          nullInteger.as('verified_without_evidence'),
          ...attribution('enrolment'),
        ])
        .where('r.status', '!=', 'cancelled');
      if (rule.enrolmentStatuses?.length) q = q.where('i.status', 'in', rule.enrolmentStatuses);
      if (rule.cscsOnly) q = q.where('ct.cscs_component', 'is not', null);
      return q;
    }
    case 'course_runs': {
      let q = db
        .selectFrom('course_runs as i')
        .innerJoin('course_types as ct', 'ct.id', 'i.course_type_id')
        .select([
          nullInteger.as('person_id'),
          nullInteger.as('participant_id'),
          nullInteger.as('employer_id'),
          sql.lit('course_run').as('item_kind'),
          'i.id as item_id',
          'ct.name as item_label',
          nullText.as('verification_status'),
          nullInteger.as('verifier_id'),
          nullInteger.as('evidence_count'),
          nullInteger.as('verified_without_evidence'),
          // A course run is paid for by the stream it is run under.
          'i.funding_stream_id as stream_id',
          nullInteger.as('project_id'),
        ])
        .where('i.status', '!=', 'cancelled');
      if (rule.cscsOnly) q = q.where('ct.cscs_component', 'is not', null);
      return q;
    }
    case 'site_ready':
      return db
        .selectFrom('site_ready_signoffs as i')
        .innerJoin(personOf(db, rule), 'p.id', 'i.participant_id')
        .select([
          personKey.as('person_id'),
          'i.participant_id',
          nullInteger.as('employer_id'),
          sql.lit('site_ready').as('item_kind'),
          'i.id as item_id',
          sql.lit('Site-ready sign-off').as('item_label'),
          nullText.as('verification_status'),
          'i.signed_by as verifier_id',
          nullInteger.as('evidence_count'),
          nullInteger.as('verified_without_evidence'),
          ...attribution('site_ready'),
        ]);
    case 'placements': {
      let q = db
        .selectFrom('placements as i')
        .innerJoin(personOf(db, rule), 'p.id', 'i.participant_id')
        .select([
          personKey.as('person_id'),
          'i.participant_id',
          'i.employer_org_id as employer_id',
          sql.lit('placement').as('item_kind'),
          'i.id as item_id',
          sql`replace(i.kind, '_', ' ')`.as('item_label'),
          nullText.as('verification_status'),
          nullInteger.as('verifier_id'),
          nullInteger.as('evidence_count'),
          nullInteger.as('verified_without_evidence'),
          ...attribution('placement'),
        ]);
      if (rule.placementKinds?.length) q = q.where('i.kind', 'in', rule.placementKinds);
      return q;
    }
  }
}

/** Age at the person's programme start, in whole years, from two ISO dates (portable SQL). */
const ageAtStart = sql<number>`(cast(substr(p.start_date, 1, 4) as integer) - cast(substr(p.date_of_birth, 1, 4) as integer)
  - case when substr(p.start_date, 6, 5) < substr(p.date_of_birth, 6, 5) then 1 else 0 end)`;

/** The expression that identifies one counted thing: the person, the item or the employer. */
function keyExpr(rule: CountingRule): RawBuilder<unknown> {
  if (rule.countDistinct === 'participant') return personKey;
  if (rule.countDistinct === 'employer') return sql`i.employer_org_id`;
  return sql.ref(itemIdRef(rule));
}

function itemIdRef(rule: CountingRule): string {
  return rule.subject === 'participants' ? 'p.id' : 'i.id';
}

function claimedBefore(db: AnyDb, rule: CountingRule, code: string, scope: EngineScope): AnyQuery {
  let q = db
    .selectFrom('return_lines as rl')
    .select(sql.lit(1).as('one'))
    .where('rl.set_id', '=', scope.setId)
    .where('rl.indicator_code', '=', code);
  if (scope.claimsBeforeReturnId !== undefined) q = q.where('rl.return_id', '<', scope.claimsBeforeReturnId);
  if (scope.ignoreClaims) q = q.where(sql<boolean>`1 = 0`);
  // Counting re-entries, what was claimed is one participation: a later one can be claimed again.
  if (rule.countReEntries && rule.subject === 'participants') {
    const date = dateExpr(rule);
    q = q.where('rl.item_date', '=', typeof date === 'string' ? sql.ref(date) : date);
  }
  if (rule.countDistinct === 'participant') return q.where('rl.person_id', '=', personKey);
  if (rule.countDistinct === 'employer') return q.whereRef('rl.employer_id', '=', 'i.employer_org_id');
  return q.where('rl.item_kind', '=', itemKind(rule)).whereRef('rl.item_id', '=', itemIdRef(rule));
}

function itemKind(rule: CountingRule): string {
  return {
    participants: 'participant',
    funding_spells: 'funding_spell',
    outcomes: 'outcome',
    enrolments: 'enrolment',
    course_runs: 'course_run',
    site_ready: 'site_ready',
    placements: 'placement',
  }[rule.subject];
}

/** The items a rule admits in the period: every filter and exclusion, no de-duplication yet. */
export function itemsQuery(db: AnyDb, rule: CountingRule, code: string, scope: EngineScope, depth = 0): AnyQuery {
  const date = dateExpr(rule);
  let q = subjectQuery(db, rule)
    .select(sql`${typeof date === 'string' ? sql.ref(date) : date}`.as('item_date'))
    .where(typeof date === 'string' ? sql.ref(date) : date, '>=', scope.from)
    .where(typeof date === 'string' ? sql.ref(date) : date, '<=', scope.to);
  if (rule.subject === 'site_ready')
    q = q.where((eb) => eb.or([eb('i.revoked_on', 'is', null), eb('i.revoked_on', '>', scope.to)]));
  if (rule.countDistinct === 'employer') q = q.where('i.employer_org_id', 'is not', null);
  if (rule.subject === 'outcomes' || rule.subject === 'placements') {
    if (rule.minHoursPerWeek !== undefined) q = q.where('i.hours_per_week', '>=', rule.minHoursPerWeek);
    if (rule.apprenticeshipLevels?.length) q = q.where('i.apprenticeship_level', 'in', rule.apprenticeshipLevels);
  }
  if (rule.subject !== 'course_runs') q = personFilters(q, rule, scope);
  if (rule.excludeClaimedInSubmittedReturns) {
    q = q.where((eb) => eb.not(eb.exists(claimedBefore(db, rule, code, scope))));
  }
  // UKSPF: what another indicator counts is not counted again here — neither what it admits
  // in this period nor what was claimed under it in an earlier return.
  for (const other of rule.notCountedUnder ?? []) {
    const otherRule = scope.siblings.get(other);
    if (!otherRule || other === code || depth >= MAX_SIBLING_DEPTH) continue;
    const otherItems = itemsQuery(
      db,
      { ...otherRule, excludeClaimedInSubmittedReturns: false },
      other,
      { ...scope, attribution: 'counted' },
      depth + 1,
    );
    const column =
      rule.countDistinct === 'participant'
        ? 'person_id'
        : rule.countDistinct === 'employer'
          ? 'employer_id'
          : 'item_id';
    const sameKind = rule.countDistinct !== 'item' || otherRule.subject === rule.subject;
    if (!sameKind) continue;
    q = q.where(
      keyExpr(rule),
      'not in',
      db.selectFrom(otherItems.as('o')).select(`o.${column}`).where(`o.${column}`, 'is not', null),
    );
    q = q.where((eb) =>
      eb.not(eb.exists(claimedBefore(db, { ...rule, countDistinct: rule.countDistinct }, other, scope))),
    );
  }
  return fundingFilters(db, db.selectFrom(q.select(keyExpr(rule).as('count_key')).as('a')).selectAll('a'), rule, scope);
}

/** Who the person is: eligibility, age at start, sex, situation and qualification at entry, where
 * they live, their barriers. */
function personFilters(q: AnyQuery, rule: CountingRule, scope: EngineScope): AnyQuery {
  if (rule.eligibleOnly) q = q.where('p.eligibility_status', '=', 'eligible');
  if (rule.keyworkerContact)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('keyworker_contacts as kc')
          .select(sql.lit(1).as('one'))
          .whereRef('kc.participant_id', '=', 'p.id'),
      ),
    );
  const attended = rule.attendedEvent;
  if (attended)
    q = q.where((eb) => {
      let events = eb
        .selectFrom('event_attendees as ea')
        .innerJoin('events as ev', 'ev.id', 'ea.event_id')
        .select(sql.lit(1).as('one'))
        .whereRef('ea.participant_id', '=', 'p.id')
        .where('ev.held_on', '>=', scope.from)
        .where('ev.held_on', '<=', scope.to);
      if (attended.kinds.length) events = events.where('ev.kind', 'in', attended.kinds);
      return eb.exists(events);
    });
  if (rule.labourMarketStatuses?.length) q = q.where('p.labour_market_status', 'in', rule.labourMarketStatuses);
  if (rule.postcodeDistricts?.length) q = q.where('p.postcode_district', 'in', rule.postcodeDistricts);
  if (rule.area) q = q.where(participantAreaCondition(rule.area));
  if (rule.sexes?.length) q = q.where('p.sex', 'in', rule.sexes);
  if (rule.qualificationLevels?.length) q = q.where('p.qualification_level', 'in', rule.qualificationLevels);
  if (rule.ageAtStart?.length) {
    const ranges = rule.ageAtStart;
    q = q.where((eb) =>
      eb.or(
        ranges.flatMap((r) => {
          const known = [eb('p.date_of_birth', 'is not', null), eb('p.start_date', 'is not', null)];
          if (r.min !== undefined) known.push(eb(ageAtStart, '>=', r.min));
          if (r.max !== undefined) known.push(eb(ageAtStart, '<=', r.max));
          const bands = ageBandsWithin(r);
          // An anonymised person keeps only their age band at start: counted where it answers.
          const anonymised = bands.length
            ? [eb.and([eb('p.date_of_birth', 'is', null), eb('p.age_band_at_start', 'in', bands)])]
            : [];
          return [eb.and(known), ...anonymised];
        }),
      ),
    );
  }
  if (rule.barriers?.length) {
    const barriers = rule.barriers;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('participant_barriers as pb')
          .select(sql.lit(1).as('one'))
          .whereRef('pb.participant_id', '=', 'p.id')
          .where('pb.barrier_code', 'in', barriers),
      ),
    );
  }
  return q;
}

/** Which funding the rule counts: the set funder's streams, named streams or projects; or, for
 * the warnings, the items with no stream at all. */
function fundingFilters(db: AnyDb, q: AnyQuery, rule: CountingRule, scope: EngineScope): AnyQuery {
  if (scope.attribution === 'unattributed') return q.where('a.stream_id', 'is', null);
  if (rule.funding === 'funder')
    q = q.where(
      'a.stream_id',
      'in',
      db.selectFrom('funding_streams').select('id').where('funder_id', '=', scope.funderId),
    );
  if (rule.fundingStreams?.length)
    q = q.where(
      'a.stream_id',
      'in',
      db.selectFrom('funding_streams').select('id').where('code', 'in', rule.fundingStreams),
    );
  if (rule.fundingProjects?.length)
    q = q.where(
      'a.project_id',
      'in',
      db.selectFrom('funding_projects').select('id').where('code', 'in', rule.fundingProjects),
    );
  return q;
}

/**
 * A claim line's person columns, from `participants as pp`, as `reader` may read them. One list
 * for the lines a return counts now (linesQuery) and a submitted return's frozen lines, so both
 * workbooks carry the same columns.
 */
export function claimLinePersonColumns(reader: Role) {
  return [
    'pp.reference',
    'pp.first_name as firstName',
    'pp.last_name as lastName',
    'pp.date_of_birth as dateOfBirth',
    'pp.ni_number as niNumber',
    'pp.postcode',
    'pp.postcode_district as postcodeDistrict',
    'pp.phone',
    'pp.eligibility_status as eligibilityStatus',
    'pp.start_date as startDate',
    'pp.leave_date as leaveDate',
    'pp.sex',
    textAs(reader, 'participants', 'pp.ethnicity', 'ethnicity'),
    textAs(reader, 'participants', 'pp.disability', 'disability'),
    'pp.labour_market_status as labourMarketStatus',
  ] as const;
}

/** One line per counted person, item or employer (the earliest qualifying item in the period),
 * with the person's details, the verifier and the employer: a single query. */
export function linesQuery(store: Db, rule: CountingRule, code: string, scope: EngineScope): AnyQuery {
  const db = store as unknown as AnyDb;
  const ranked = db
    .selectFrom(itemsQuery(db, rule, code, scope).as('a'))
    .selectAll('a')
    .select(sql<number>`row_number() over (partition by a.count_key order by a.item_date, a.item_id)`.as('rn'));
  return db
    .selectFrom(ranked.as('x'))
    .leftJoin('participants as pp', 'pp.id', 'x.person_id')
    .leftJoin('staff as vs', 'vs.id', 'x.verifier_id')
    .leftJoin('organisations as org', 'org.id', 'x.employer_id')
    .leftJoin('funding_streams as fsn', 'fsn.id', 'x.stream_id')
    .leftJoin('funding_projects as fpn', 'fpn.id', 'x.project_id')
    .select([
      sql.lit(code).as('indicatorCode'),
      'x.person_id as personId',
      'x.participant_id as participantId',
      'x.employer_id as employerId',
      'org.name as employerName',
      'x.item_kind as itemKind',
      'x.item_id as itemId',
      'x.item_date as itemDate',
      'x.item_label as itemLabel',
      'x.verification_status as verificationStatus',
      'vs.display_name as verifier',
      'x.evidence_count as evidenceCount',
      'x.verified_without_evidence as verifiedWithoutEvidence',
      ...claimLinePersonColumns(scope.reader ?? 'administrator'),
      'x.stream_id as fundingStreamId',
      'fsn.name as fundingStream',
      'x.project_id as fundingProjectId',
      'fpn.name as fundingProject',
      'fpn.intervention_code as projectIntervention',
    ])
    .where('x.rn', '=', 1)
    .orderBy('x.item_date')
    .orderBy('x.item_id');
}

/** The count alone: the number of distinct keys the rule admits (equal to the lines' length). */
export function countQuery(store: Db, rule: CountingRule, code: string, scope: EngineScope): AnyQuery {
  const db = store as unknown as AnyDb;
  return db
    .selectFrom(itemsQuery(db, rule, code, scope).as('a'))
    .select(sql<number>`count(distinct a.count_key)`.as('n'));
}

export async function countIndicator(db: Db, rule: CountingRule, code: string, scope: EngineScope): Promise<number> {
  const row = (await countQuery(db, rule, code, scope).executeTakeFirst()) as { n: number } | undefined;
  return Number(row?.n ?? 0);
}

export async function indicatorLines(
  db: Db,
  rule: CountingRule,
  code: string,
  scope: EngineScope,
): Promise<ClaimLine[]> {
  return (await linesQuery(db, rule, code, scope).execute()) as ClaimLine[];
}
