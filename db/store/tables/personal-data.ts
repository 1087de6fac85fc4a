// The personal-data registry: the ONE place that says which data in the store is personal and how
// each part of the app treats it. Every table is listed (a new table fails the type check until it
// is); for the tables about participants every column is classified:
// - what it holds: nothing about a person on its own (keys, bookkeeping), personal data, special
//   category (UK GDPR Art. 9) or criminal-offence data (Art. 10), or codes of a reference list
//   whose items say whether they are special category;
// - retention: what anonymising the person does to it (keep for the published totals, erase,
//   replace, generalise);
// - subject access: how the bundle shows it (a value, a date, a staff member's name, a file);
// - viewers: whether a viewer receives it;
// - merge (participants only): how two records' values are settled.
// Merging (participants/linked-tables.ts), anonymising (trust/retention.service.ts), subject access
// (trust/subject-access.service.ts) and viewer redaction (trust/special-category.ts and the
// dispatcher) all read this. test/integration/personal-data.test.ts compares it with a freshly
// migrated store (every table and column classified, no entry naming a column that is not there).
import type { ReferenceListName } from '../../../shared/domain/reference-lists';
import type { Database } from '../schema';

export type TableName = keyof Database & string;
type ColumnName<T extends TableName> = keyof Database[T] & string;

/** What a column holds about a person. */
type DataClass =
  /** Nothing about a person on its own: keys, bookkeeping, the programme's own codes. */
  | 'none'
  | 'personal'
  /** UK GDPR Art. 9: ethnicity, health and disability, gender identity, religion, sexual orientation. */
  | 'special'
  /** UK GDPR Art. 10: criminal convictions and offences. */
  | 'criminal';

/** What anonymising the person does to a column. */
export type ColumnRetention =
  /** Kept: what published totals are built from (coded fields, dates, types). */
  | 'keep'
  /** Set to null. */
  | 'erase'
  /** Overwritten with this value (a column that may not be null). */
  | { replace: string }
  /** Overwritten with the record's anonymous reference (ANON-000042). */
  | 'anonymous-reference'
  /** Truncated to the first of its month (a moment to midnight UTC of that day). */
  | { generalise: 'month' }
  /** Kept only where at least `k` anonymised people share it and the `sharing` columns' values (the
   * equality answers and age band), else erased: a rare combination must not single someone out. */
  | { generalise: 'small-groups'; k: number; sharing: readonly ColumnName<'participants'>[] }
  /** Kept only as a coarser value in another column (postcode → district, birth date → age band at
   * start), then erased. */
  | { generalise: 'district' | 'age-band-at-start'; into: ColumnName<'participants'> };

/** How the subject access bundle shows a column. */
export type AccessAs = 'value' | 'date' | 'staff' | 'file' | 'omit';

/** How a merge settles the survivor's and the merged record's values (participants only). */
type ColumnMerge =
  /** The officer chooses whose value the survivor keeps. */
  | 'choose'
  /** Taken together with the column it follows (derived from it, or only meaningful with it). */
  | { follows: ColumnName<'participants'> }
  /** The survivor's own (identity and bookkeeping). */
  | 'survivor';

export interface ColumnRule {
  data: DataClass;
  /** Holds codes of this reference list; items marked special there are special category. */
  items?: ReferenceListName;
  retention: ColumnRetention;
  access: AccessAs;
  /** 'withhold': a viewer never receives it; 'special-items': a viewer does not get its special items. */
  viewers: 'see' | 'withhold' | 'special-items';
  merge?: ColumnMerge;
}

/** How a person's rows in a table are found (`C`: the table's column names). */
type Reach<C extends string> =
  /** The participants table itself: the person's record and the records merged into it. */
  | { by: 'id' }
  | { by: C }
  /** A row is theirs when any of these columns names them. */
  | { any: readonly C[] }
  /** Rows hanging off a row of another table (which must itself be reached by participant_id). */
  | {
      through: TableName;
      column: C;
      parentColumn: string;
      /** A column of the parent naming a file held here (for the subject access bundle). */
      parentLabel?: string;
    };

/** What a merge does with a table's rows. */
type TableMerge<C extends string> =
  /** The record itself: column by column (each column's `merge`). */
  | { rows: 'record' }
  /** Moved to the survivor by updating participant_id; undo moves exactly those back. */
  | {
      rows: 'move';
      label: string;
      /** Columns that, with participant_id, must be unique: both records having the same is a clash. */
      uniqueWith?: readonly C[];
      /** How to describe a clash to the officer. */
      clash?: string;
    }
  /** Rows keyed by (participant_id, code): the survivor gets the union. */
  | { rows: 'union'; label: string; column: C }
  /** Pairs of people: a decision about the merged record comes to hold for the survivor. */
  | { rows: 'repoint-pairs' }
  /** Left where they are, and why. */
  | { rows: 'keep'; why: string };

/** What anonymising does to a table's rows about the person. */
type TableRetention =
  /** Each column as its rule says. */
  | 'columns'
  /** The rows are deleted. */
  | 'delete-rows'
  /** The rows the person's parent rows pointed at are deleted once nothing points at them. */
  | 'delete-when-unused';

/** A table about participants: every column classified. `C` is its column names. */
interface ParticipantTable<C extends string> {
  about: 'participant';
  reach: Reach<C>;
  merge: TableMerge<C>;
  retention: TableRetention;
  /** 'rows': the bundle has a sheet of the person's rows; 'audit': the audit entries, opened with the
   * person's key; otherwise why it is left out. */
  access: 'rows' | 'audit' | { leftOut: string };
  /** The participant record's field carrying this table's values (change history shows it). */
  recordField?: string;
  columns: Record<C, ColumnRule>;
}

/** Steps of the retention service for tables that only mention participants. */
export type MentionStep = 'import-undo-labels';

/** A table holding no data about participants (perhaps about staff or business contacts). */
export interface OtherTable<C extends string> {
  about: 'nobody' | 'staff' | 'contacts' | 'mentions participants';
  why: string;
  /** Columns holding personal data (of staff, of contacts, or naming participants). */
  personal: readonly C[];
  notPersonal: readonly C[];
  /** 'mentions participants': the named step of the retention service that erases the mentions. */
  anonymise?: MentionStep;
}

export type TableEntry<C extends string> = ParticipantTable<C> | OtherTable<C>;
export type PersonalDataRegistry = { [T in TableName]: TableEntry<ColumnName<T>> };

// Column rules, by what the column is.
/** A key or bookkeeping column: nothing about the person on its own. */
const key: ColumnRule = { data: 'none', retention: 'keep', access: 'value', viewers: 'see' };
/** A staff member's id (the bundle shows their name). */
const staff: ColumnRule = { ...key, access: 'staff' };
/** Personal data kept for the totals. */
const kept: ColumnRule = { data: 'personal', retention: 'keep', access: 'value', viewers: 'see' };
/** A date about the person, kept for the totals. */
const keptDate: ColumnRule = { ...kept, access: 'date' };
/** Personal data erased by anonymisation (free text, names, document numbers, contact details). */
const erased: ColumnRule = { ...kept, retention: 'erase' };
/** Special-category data (Art. 9): kept, coded, for the equality monitoring totals; never for viewers. */
const special: ColumnRule = { data: 'special', retention: 'keep', access: 'value', viewers: 'withhold' };
/** Free text staff wrote about the person (a note, a reason): it may say anything, health or
 * offending included, so a viewer never receives it; anonymising erases it. */
const freeText: ColumnRule = { ...erased, viewers: 'withhold' };

const ERASED_JSON = JSON.stringify({ erased: 'anonymised' });

/** A date kept only as its month: with the equality answers beside it, the exact day would single the
 * person out. Reporting periods (quarters, halves, years: shared/domain/reporting-periods.ts) run
 * from the first of a month to the last day of one, so their counts do not change; a custom period
 * cut mid-month may. */
const monthOnly = { generalise: 'month' } as const;
/** The postcode district is kept where at least 5 anonymised people share it, their age band and
 * equality answers; otherwise it is erased. (The local authority, once the geography issue stores it
 * for each person, is the coarser value to keep instead.) */
const districtIfCommon = {
  generalise: 'small-groups',
  k: 5,
  sharing: ['age_band_at_start', 'sex', 'gender_same_as_birth', 'ethnicity', 'disability'],
} as const;

/** Columns of the record an officer chooses between when merging. */
const choose = (rule: ColumnRule): ColumnRule => ({ ...rule, merge: 'choose' });
const survivor = (rule: ColumnRule): ColumnRule => ({ ...rule, merge: 'survivor' });
const follows = (rule: ColumnRule, column: ColumnName<'participants'>): ColumnRule => ({
  ...rule,
  merge: { follows: column },
});

export const personalData = {
  // ── The person ────────────────────────────────────────────────────────────────────────────────
  participants: {
    about: 'participant',
    reach: { by: 'id' },
    merge: { rows: 'record' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: survivor(key),
      reference: survivor({ ...kept, retention: 'anonymous-reference' }),
      status: survivor(key), // set by anonymisation and merging themselves
      merged_into_id: survivor(key),
      first_name: choose({ ...kept, retention: { replace: 'Anonymised' } }),
      last_name: choose({ ...kept, retention: { replace: 'Person' } }),
      preferred_name: choose(erased),
      date_of_birth: choose({
        ...kept,
        access: 'date',
        retention: { generalise: 'age-band-at-start', into: 'age_band_at_start' },
      }),
      ni_number: choose(erased),
      ni_status: follows({ ...kept, retention: { replace: 'not_yet_known' } }, 'ni_number'),
      uln: choose(erased),
      address_line1: choose(erased),
      address_line2: choose(erased),
      town: choose(erased),
      postcode: choose({ ...kept, retention: { generalise: 'district', into: 'postcode_district' } }),
      postcode_district: follows({ ...kept, retention: districtIfCommon }, 'postcode'),
      phone: choose(erased),
      phone_digits: follows(erased, 'phone'),
      email: choose(erased),
      preferred_contact: choose(erased),
      sex: choose(kept),
      gender_same_as_birth: choose(special),
      ethnicity: choose(special),
      // Derived from the two answers of the harmonised question below (kept for the breakdowns).
      disability: follows(special, 'health_condition'),
      is_carer: choose(kept),
      is_lone_parent: choose(kept),
      labour_market_status: choose(kept),
      time_out_of_work: choose(kept),
      qualification_level: choose(kept),
      referral_source: choose(kept),
      referral_date: choose({ ...keptDate, retention: monthOnly }),
      referrer_name: choose(erased),
      funding_stream_id: choose(kept),
      key_worker_id: choose(staff),
      start_date: choose({ ...keptDate, retention: monthOnly }),
      leave_date: choose({ ...keptDate, retention: monthOnly }),
      privacy_notice_version: choose(kept),
      // Not counted in any total: the month is enough to show a notice was given.
      privacy_notice_date: choose({ ...keptDate, retention: monthOnly }),
      consent_partners_json: choose(erased),
      lawful_basis_note: choose(erased),
      eligibility_status: survivor(kept), // worked out again after a merge
      version: survivor(key),
      created_at: survivor({ ...key, retention: monthOnly }), // registered: as telling as the start date
      created_by: survivor(staff),
      updated_at: survivor(key),
      updated_by: survivor(staff),
      age_band_at_start: survivor(kept),
      no_fixed_abode: choose(kept),
      health_condition: choose(special),
      condition_impact: follows(special, 'health_condition'),
      // Which Universal Credit regime: only meaningful with the benefits, which merge as a set.
      uc_conditionality: choose(kept),
      // Where the postcode resolved: worked out from the postcode, so it travels with it. Anonymising
      // keeps the local authority, ward and deprivation decile (coarse, like the postcode district,
      // for the published breakdowns) and erases the neighbourhood (LSOA: about 1,500 people).
      geo_status: follows(kept, 'postcode'),
      geo_la_code: follows(kept, 'postcode'),
      geo_ward_code: follows(kept, 'postcode'),
      geo_lsoa_code: follows(erased, 'postcode'),
      geo_imd_decile: follows(kept, 'postcode'),
      geo_terminated: follows(kept, 'postcode'),
      geo_version_id: follows(key, 'postcode'),
      geo_deprivation_version_id: follows(key, 'postcode'),
      is_local: follows(kept, 'postcode'),
      // How the names sound (for close matches): derived from them and erased with them.
      first_name_sound: follows(erased, 'first_name'),
      last_name_sound: follows(erased, 'last_name'),
    },
  },
  participant_barriers: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'union', label: 'barriers', column: 'barrier_code' },
    retention: 'columns',
    access: 'rows',
    recordField: 'barriers',
    columns: {
      participant_id: key,
      // Disability or health and ex-offender barriers are special category: the barrier list marks them.
      barrier_code: { ...kept, items: 'barrier', viewers: 'special-items' },
    },
  },
  participant_benefits: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'union', label: 'benefits', column: 'benefit_code' },
    retention: 'columns',
    access: 'rows',
    recordField: 'benefits',
    columns: {
      participant_id: key,
      // PIP and ESA are paid because of a health condition: the benefit list marks them special.
      benefit_code: { ...kept, items: 'benefit', viewers: 'special-items' },
    },
  },
  eligibility_checks: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'eligibility checks' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      check_code: kept,
      outcome: kept,
      evidence_type: kept,
      seen_by: staff,
      seen_on: keptDate,
      notes: freeText,
      recorded_at: key,
    },
  },
  participant_referrals: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'move',
      label: 'later referrals',
      uniqueWith: ['referral_date'],
      clash: 'Both records have a later referral on the same date',
    },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      referral_date: keptDate,
      referral_source: kept,
      referrer_name: erased,
      start_date: keptDate,
      notes: erased,
      source: key,
      import_batch_id: key,
      created_at: key,
      created_by: staff,
    },
  },
  participant_notes: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'notes' },
    retention: 'delete-rows',
    access: 'rows',
    columns: { id: key, participant_id: key, body: freeText, created_at: key, created_by: staff },
  },
  keyworker_plan_items: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'keyworker plan items' },
    retention: 'delete-rows',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      kind: kept,
      // Goals and barriers may name health or circumstances: free text, withheld from viewers.
      text: freeText,
      due_on: keptDate,
      done_on: keptDate,
      created_at: key,
      created_by: staff,
      updated_at: key,
    },
  },
  keyworker_contacts: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'keyworker contacts' },
    retention: 'delete-rows',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      contact_on: keptDate,
      method: kept,
      minutes: kept,
      staff_id: staff,
      notes: freeText,
      created_at: key,
      created_by: staff,
    },
  },
  event_attendees: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'move',
      label: 'event attendance',
      uniqueWith: ['event_id'],
      clash: 'Both records are named as attending the same event',
    },
    retention: 'columns', // the rows stay so an event's attendance still adds up
    access: 'rows',
    columns: { id: key, event_id: key, participant_id: key, created_at: key, created_by: staff },
  },
  not_duplicate_pairs: {
    about: 'participant',
    reach: { any: ['participant_a', 'participant_b'] },
    merge: { rows: 'repoint-pairs' },
    retention: 'columns',
    access: 'rows',
    columns: { participant_a: key, participant_b: key, decided_by: staff, decided_at: key },
  },
  participant_merges: {
    about: 'participant',
    reach: { any: ['survivor_id', 'merged_id'] },
    merge: { rows: 'keep', why: 'the record of earlier merges, which undoing them reads' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      survivor_id: key,
      merged_id: key,
      // Both records as they were, to undo the merge.
      snapshot_json: { ...kept, retention: { replace: ERASED_JSON } },
      survivor_version_after: key,
      merged_at: key,
      merged_by: staff,
      undone_at: key,
      undone_by: staff,
    },
  },

  // ── Courses ───────────────────────────────────────────────────────────────────────────────────
  enrolments: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'move',
      label: 'course enrolments',
      uniqueWith: ['course_run_id'],
      clash: 'Both records are enrolled on the same course run; withdraw or remove one enrolment first.',
    },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      course_run_id: key,
      participant_id: key,
      status: kept,
      waiting_position: key,
      enrolled_on: keptDate,
      eligibility_override_reason: erased,
      withdrawn_on: keptDate,
      withdrawn_reason: erased,
      completed_on: keptDate,
      created_at: key,
      created_by: staff,
      version: key,
      updated_at: key,
      updated_by: staff,
    },
  },
  attendance: {
    about: 'participant',
    reach: { through: 'enrolments', column: 'enrolment_id', parentColumn: 'id' },
    merge: { rows: 'keep', why: 'hangs off an enrolment, which moves with the person' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      course_session_id: key,
      enrolment_id: key,
      mark: kept,
      reason: erased, // a reason given for missing a session
      recorded_at: key,
      recorded_by: staff,
    },
  },
  l1_awards: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'Level 1 awards' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      course_run_id: key,
      achieved_on: keptDate,
      certificate_number: erased,
      awarding_body: kept,
      created_at: key,
    },
  },
  hse_tests: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'HS&E tests' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      course_run_id: key,
      taken_on: keptDate,
      score: kept,
      test_reference: erased,
      created_at: key,
    },
  },
  cscs_cards: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'CSCS cards' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      card_type: kept,
      card_number: erased,
      issued_on: keptDate,
      expires_on: keptDate,
      is_first_labourer_card: kept,
      course_run_id: key,
      created_at: key,
      issued_on_derived: kept,
      smart_checked_on: keptDate,
    },
  },
  ppe_issues: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'PPE issues' },
    retention: 'columns',
    access: 'rows',
    columns: { id: key, participant_id: key, issued_on: keptDate, items: kept, issued_by: staff, created_at: key },
  },
  site_ready_signoffs: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'site-ready sign-offs' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      signed_on: keptDate,
      signed_by: staff,
      notes: freeText,
      revoked_on: keptDate,
      created_at: key,
    },
  },

  // ── Placements, outcomes, evidence ────────────────────────────────────────────────────────────
  placements: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'placements' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      kind: kept,
      employer_org_id: key,
      contract_id: key,
      course_run_id: key,
      site: kept,
      starts_on: keptDate,
      ends_on: keptDate,
      hours_per_week: kept,
      hourly_wage_pence: kept,
      supervisor: erased, // a name, which with the employer points to the person's placement
      status: kept,
      ended_reason: erased,
      converted_from_id: key,
      apprenticeship_standard: kept,
      apprenticeship_level: kept,
      notes: freeText,
      created_at: key,
      created_by: staff,
      updated_at: key,
      version: key,
      updated_by: staff,
    },
  },
  outcomes: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'move',
      label: 'outcomes',
      uniqueWith: ['outcome_type', 'outcome_date'],
      clash:
        'Both records have the same outcome on the same date; remove the duplicate outcome first so it is not counted twice.',
    },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      outcome_type: kept,
      outcome_date: keptDate,
      placement_id: key,
      employer_org_id: key,
      course_run_id: key,
      contract_id: key,
      parent_outcome_id: key,
      sector: kept,
      hours_per_week: kept,
      apprenticeship_standard: kept,
      apprenticeship_level: kept,
      qualification_title: kept,
      notes: freeText,
      source: key,
      source_ref: key,
      verification_status: kept,
      verified_by: staff,
      verified_at: key,
      verification_reason: erased,
      verified_without_evidence: kept,
      ended_on: keptDate,
      created_at: key,
      created_by: staff,
      updated_at: key,
      version: key,
      updated_by: staff,
    },
  },
  evidence_items: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'evidence items' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      outcome_id: key,
      kind: kept,
      received_on: keptDate,
      seen_by: staff,
      notes: freeText,
      file_name: erased,
      file_mime: erased,
      file_size: erased,
      file_sha256: erased,
      created_at: key,
      created_by: staff,
    },
  },
  evidence_files: {
    about: 'participant',
    // Stored once per content (sha256) and shared by the evidence items that attach it.
    reach: { through: 'evidence_items', column: 'sha256', parentColumn: 'file_sha256', parentLabel: 'file_name' },
    merge: { rows: 'keep', why: 'reached through the evidence items, which move with the person' },
    retention: 'delete-when-unused',
    access: 'rows',
    columns: {
      sha256: key,
      bytes: { ...erased, access: 'file' },
      mime: key,
      size: key,
      created_at: key,
    },
  },
  sustainment_checks: {
    about: 'participant',
    reach: { by: 'participant_id' },
    // One per start outcome and week (13/26); the start outcome moves with the person, so its checks do too.
    merge: { rows: 'move', label: 'sustainment checks' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      start_outcome_id: key,
      participant_id: key,
      weeks: kept,
      sustained: kept,
      sustained_on: keptDate,
      checked_on: keptDate,
      outcome_id: key,
      notes: freeText,
      created_at: key,
      created_by: staff,
    },
  },

  // ── Vacancies ─────────────────────────────────────────────────────────────────────────────────
  vacancy_candidates: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'move',
      label: 'vacancy candidacies',
      uniqueWith: ['vacancy_id'],
      clash: 'Both records were put forward for the same vacancy; remove one of the two candidacies first.',
    },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      vacancy_id: key,
      participant_id: key,
      stage: kept,
      submitted_on: keptDate,
      interview_on: keptDate,
      interview_guaranteed: kept,
      interviewed_on: keptDate,
      offered_on: keptDate,
      accepted_on: keptDate,
      started_on: keptDate,
      closed_on: keptDate,
      closed_from: kept,
      closed_reason: erased, // an employer's or the person's reason, in their words
      fit_notes: erased, // what was missing (a card, a sign-off) when they were put forward
      override_reason: erased,
      outcome_id: key,
      notes: erased,
      created_at: key,
      created_by: staff,
      updated_at: key,
      updated_by: staff,
    },
  },

  // ── Returns, imports, audit ───────────────────────────────────────────────────────────────────
  return_lines: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'keep',
      why:
        'lines of submitted returns are frozen (by trigger): a merge must not rewrite what was claimed; ' +
        'the returns area already counts a merged record as its survivor (person_id = coalesce(merged_into_id, id))',
    },
    retention: 'columns', // nothing to erase: codes, ids and dates, frozen
    access: 'rows',
    columns: {
      id: key,
      return_id: key,
      set_id: key,
      indicator_code: key,
      person_id: key,
      participant_id: key,
      employer_id: key,
      item_kind: key,
      item_id: key,
      item_date: keptDate,
      verification_status: kept,
      evidence_count: kept,
      funding_stream_id: key,
      funding_project_id: key,
      verified_without_evidence: kept,
    },
  },
  funding_spells: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'funding spells' },
    // Kept: which funder paid for whom and when is what returns, audits and retention rest on.
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      funding_stream_id: kept,
      project_id: kept,
      starts_on: keptDate,
      ends_on: keptDate,
      note: erased,
      created_at: key,
      created_by: staff,
      updated_at: key,
    },
  },
  funding_attributions: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'move', label: 'funding attributions' },
    retention: 'columns',
    access: 'rows',
    columns: {
      id: key,
      participant_id: key,
      item_kind: key,
      item_id: key,
      funding_stream_id: kept,
      project_id: kept,
      // An officer's words, which may say something about the person (the column may not be null).
      reason: { ...kept, retention: { replace: 'Erased when the person was anonymised' } },
      set_by: staff,
      set_at: key,
    },
  },
  import_batch_rows: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'keep',
      why:
        'a record of what an import wrote to which record; its undo finds the rows by entity id, ' +
        'and an undo of a person since merged keeps them (the merge changed the record)',
    },
    retention: 'columns', // the rows stay so the batch's counts still add up
    access: 'rows',
    columns: {
      id: key,
      batch_id: key,
      row_number: key,
      action: key,
      entity: key,
      entity_id: key,
      participant_id: key,
      before_json: erased, // what the import replaced
      after_json: { ...kept, retention: { replace: ERASED_JSON } }, // what it wrote
    },
  },
  audit_log: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: { rows: 'keep', why: 'append-only; history is read across the records merged into a person' },
    // Append-only: the person's entries are sealed with their audit key, which anonymising deletes
    // (crypto-shredding, see audit_keys).
    retention: 'columns',
    access: 'audit',
    columns: {
      id: key,
      at: key,
      staff_id: staff,
      action: key,
      entity: key,
      entity_id: key,
      participant_id: key,
      summary: kept,
      before_json: kept,
      after_json: kept,
      prev_hash: { ...key, access: 'omit' },
      hash: { ...key, access: 'omit' },
    },
  },
  audit_keys: {
    about: 'participant',
    reach: { by: 'participant_id' },
    merge: {
      rows: 'keep',
      why:
        'the key sealing the audit entries written about that record (the record id is part of the sealing); ' +
        "history opens each entry with its own record's key, and anonymising the survivor shreds the keys of the " +
        'records merged into it',
    },
    retention: 'delete-rows', // crypto-shredding: without the key the person's audit entries cannot be read
    access: { leftOut: 'key material, not data about the person (their audit entries are in the bundle, opened)' },
    columns: { participant_id: key, key: { ...key, access: 'omit' }, created_at: key },
  },
  import_batches: {
    about: 'mentions participants',
    why: 'an import; when undone it keeps a list of the records it left alone, labelled with their reference and name',
    personal: ['undo_kept_json', 'staff_id', 'undone_by'],
    notPersonal: [
      'id',
      'kind',
      'partner',
      'file_name',
      'file_sha256',
      'sheet',
      'profile_name',
      'profile_json',
      'rows_in_file',
      'created_count',
      'updated_count',
      'unchanged_count',
      'rejected_count',
      'error_count',
      'at',
      'undone_at',
    ],
    anonymise: 'import-undo-labels',
  },

  // ── Staff and business contacts (not participants: not merged, anonymised or in a bundle) ──────
  staff: {
    about: 'staff',
    why: 'the people who use the app',
    personal: ['display_name', 'email', 'password_hash', 'failed_attempts', 'locked_until', 'database_login'],
    notPersonal: ['id', 'role', 'is_active', 'created_at'],
  },
  staff_setup_codes: {
    about: 'staff',
    why: 'one-time codes an administrator issued for a staff member to set their password (kept hashed)',
    personal: ['staff_id', 'issued_by'],
    notPersonal: ['id', 'code_hash', 'created_at', 'expires_at', 'used_at'],
  },
  saved_views: {
    about: 'staff',
    why: "a staff member's saved grid views (a saved search may name someone)",
    personal: ['staff_id', 'state_json'],
    notPersonal: ['id', 'grid', 'name', 'created_at'],
  },
  organisations: {
    about: 'contacts',
    why: 'employers, providers and agencies; a sole trader is a person',
    personal: ['address', 'postcode', 'phone', 'email', 'notes'],
    notPersonal: ['id', 'name', 'kind', 'sector', 'is_active', 'created_at', 'updated_at'],
  },
  organisation_contacts: {
    about: 'contacts',
    why: 'people at employers and partners',
    personal: ['name', 'job_title', 'phone', 'email'],
    notPersonal: ['id', 'organisation_id'],
  },
  course_runs: {
    about: 'contacts',
    why: 'a course run names its tutor',
    personal: ['tutor', 'notes'],
    notPersonal: [
      'id',
      'course_type_id',
      'provider_org_id',
      'venue',
      'start_date',
      'end_date',
      'capacity',
      'funding_stream_id',
      'status',
      'created_at',
      'updated_at',
    ],
  },
  import_profiles: {
    about: 'staff',
    why: 'column mappings of partner files; who made them',
    personal: ['created_by'],
    notPersonal: ['id', 'name', 'partner', 'kind', 'profile_json', 'created_at', 'updated_at'],
  },
  indicator_set_versions: {
    about: 'staff',
    why: 'versions of indicator definitions; who made them',
    personal: ['created_by'],
    notPersonal: ['id', 'set_id', 'version', 'note', 'created_at'],
  },
  returns: {
    about: 'staff',
    why: 'submitted returns (totals only; the lines are in return_lines); who submitted them',
    personal: ['submitted_by'],
    notPersonal: [
      'id',
      'set_id',
      'set_version_id',
      'period_from',
      'period_to',
      'period_label',
      'status',
      'note',
      'totals_json',
      'submitted_at',
    ],
  },

  // ── The programme's own data ──────────────────────────────────────────────────────────────────
  geo_lookup_versions: {
    about: 'staff',
    why: 'postcode directory, deprivation and area-name files an administrator loaded; who loaded them',
    personal: ['loaded_by'],
    notPersonal: [
      'id',
      'kind',
      'format',
      'file_name',
      'file_date',
      'file_sha256',
      'lsoa_vintage',
      'row_count',
      'status',
      'loaded_at',
      'message',
    ],
  },
  geo_postcodes: {
    about: 'nobody',
    why: "ONS postcode directory rows (open data: a postcode's areas, no addresses or people)",
    personal: [],
    notPersonal: ['version_id', 'postcode', 'la_code', 'ward_code', 'lsoa11', 'lsoa21', 'terminated'],
  },
  geo_deprivation: {
    about: 'nobody',
    why: 'the English Indices of Deprivation by LSOA (open data)',
    personal: [],
    notPersonal: ['version_id', 'lsoa_code', 'imd_rank', 'imd_decile'],
  },
  geo_area_names: {
    about: 'nobody',
    why: 'ONS names of areas by code (open data)',
    personal: [],
    notPersonal: ['version_id', 'code', 'name'],
  },
  settings: {
    about: 'nobody',
    why: 'settings of the programme',
    personal: [],
    notPersonal: ['key', 'value_json', 'updated_at'],
  },
  audit_epochs: {
    about: 'nobody',
    why: "how the audit log's hash chain was made from which entry on (plain SHA-256, then keyed)",
    personal: [],
    notPersonal: ['id', 'first_entry_id', 'chain', 'reason', 'note', 'created_at'],
  },
  reference_items: {
    about: 'nobody',
    why: 'reference lists (barriers, referral sources); an item says whether it is special category',
    personal: [],
    notPersonal: ['id', 'list', 'code', 'label', 'sort_order', 'is_active', 'extra_json'],
  },
  funding_streams: {
    about: 'nobody',
    why: 'funding streams and their retention dates',
    personal: [],
    notPersonal: ['id', 'code', 'name', 'funder', 'starts_on', 'ends_on', 'retain_until', 'is_active', 'funder_id'],
  },
  course_types: {
    about: 'nobody',
    why: 'the course catalogue',
    personal: [],
    notPersonal: [
      'id',
      'code',
      'name',
      'provider_org_id',
      'typical_days',
      'leads_to',
      'cscs_component',
      'sort_order',
      'is_active',
      'description',
      'updated_at',
    ],
  },
  course_run_partner_refs: {
    about: 'nobody',
    why: "a partner's own code and title for a course run",
    personal: [],
    notPersonal: ['id', 'course_run_id', 'partner', 'partner_code', 'partner_title', 'created_at'],
  },
  course_sessions: {
    about: 'nobody',
    why: 'the sessions of a course run',
    personal: [],
    notPersonal: ['id', 'course_run_id', 'session_date', 'starts_at', 'ends_at', 'label'],
  },
  events: {
    about: 'staff',
    why: 'careers fairs, school sessions, site visits and workshops; the notes may name people; who recorded it',
    personal: ['notes', 'created_by'],
    notPersonal: [
      'id',
      'kind',
      'title',
      'held_on',
      'organiser_org_id',
      'venue',
      'school',
      'contract_id',
      'created_at',
      'updated_at',
    ],
  },
  event_partners: {
    about: 'nobody',
    why: 'the organisations an event was run with',
    personal: [],
    notPersonal: ['event_id', 'organisation_id'],
  },
  event_headcounts: {
    about: 'nobody',
    why: 'aggregate numbers by age group and school: no record of any person (children are only counted)',
    personal: [],
    notPersonal: ['id', 'event_id', 'age_group', 'school', 'headcount'],
  },
  social_value_contracts: {
    about: 'nobody',
    why: "contractors' social value commitments",
    personal: [],
    notPersonal: [
      'id',
      'name',
      'reference',
      'contractor_org_id',
      'starts_on',
      'ends_on',
      'notes',
      'created_at',
      'updated_at',
      'kind',
      'planning_reference',
      'planning_clause',
    ],
  },
  contract_triggers: {
    about: 'nobody',
    why: 'trigger dates of a contract or planning obligation',
    personal: [],
    notPersonal: ['id', 'contract_id', 'label', 'due_on', 'met_on'],
  },
  contract_payments: {
    about: 'staff',
    why: 'money received against a contract or planning obligation; who recorded it',
    personal: ['created_by'],
    notPersonal: [
      'id',
      'contract_id',
      'kind',
      'received_on',
      'amount_pence',
      'payer',
      'purpose',
      'reference',
      'created_at',
    ],
  },
  contract_commitments: {
    about: 'nobody',
    why: 'targets of a social value contract',
    personal: [],
    notPersonal: ['id', 'contract_id', 'kind', 'target', 'description', 'manual_achieved'],
  },
  vacancies: {
    about: 'staff',
    why: "employers' vacancies; who recorded them",
    personal: ['created_by'],
    notPersonal: [
      'id',
      'employer_org_id',
      'site',
      'job_title',
      'sector',
      'kind',
      'apprenticeship_standard',
      'apprenticeship_level',
      'places',
      'hours_per_week',
      'wage_pence',
      'wage_per',
      'closing_date',
      'starts_on',
      'contract_id',
      'requires_site_ready',
      'card_type_required',
      'status',
      'description',
      'created_at',
      'updated_at',
    ],
  },
  employer_engagements: {
    about: 'contacts',
    why: 'the programme’s contacts with employers: the summary may name the people met; who recorded it',
    personal: ['contact_id', 'summary', 'promised', 'delivered', 'staff_id'],
    notPersonal: [
      'id',
      'organisation_id',
      'kind',
      'occurred_on',
      'promised_count',
      'delivered_count',
      'due_on',
      'follow_up_on',
      'created_at',
      'updated_at',
    ],
  },
  outcome_types: {
    about: 'nobody',
    why: 'the outcome catalogue',
    personal: [],
    notPersonal: ['code', 'label', 'category', 'sort_order', 'is_active'],
  },
  outcome_type_evidence: {
    about: 'nobody',
    why: 'the evidence each outcome type needs (reference data)',
    personal: [],
    notPersonal: ['outcome_type', 'evidence_kind'],
  },
  funders: {
    about: 'nobody',
    why: 'funders (personal_columns_json names the columns a funder asks for, not their values)',
    personal: [],
    notPersonal: ['id', 'code', 'name', 'notes', 'personal_columns_json', 'created_at', 'updated_at'],
  },
  indicator_sets: {
    about: 'nobody',
    why: "funders' indicator sets",
    personal: [],
    notPersonal: ['id', 'code', 'funder_id', 'name', 'description', 'is_active', 'agreement_id'],
  },
  funding_agreements: {
    about: 'nobody',
    why: "funders' agreements: start, end and closure dates",
    personal: [],
    notPersonal: ['id', 'funder_id', 'name', 'starts_on', 'ends_on', 'closure_on', 'notes', 'created_at', 'updated_at'],
  },
  funding_projects: {
    about: 'nobody',
    why: 'projects within a funding stream and the intervention each delivers',
    personal: [],
    notPersonal: ['id', 'code', 'name', 'funding_stream_id', 'intervention_code', 'is_active'],
  },
  indicator_targets: {
    about: 'staff',
    why: "targets and profiles of a set's indicators; who last changed them",
    personal: ['updated_by'],
    notPersonal: ['id', 'set_id', 'indicator_code', 'target', 'profile_kind', 'profile_json', 'updated_at'],
  },
  indicators: {
    about: 'staff',
    why: 'indicator definitions and counting rules; who confirmed a definition was agreed with the funder',
    personal: ['agreed_by'],
    notPersonal: [
      'id',
      'set_version_id',
      'code',
      'title',
      'definition',
      'unit',
      'evidence_required',
      'intervention_code',
      'rule_json',
      'needs_local_confirmation',
      'sort_order',
      'definition_status',
      'agreed_on',
    ],
  },
} as const satisfies PersonalDataRegistry;

/**
 * Tables the store's dialect keeps beside the schema (not in `Database`), with what they hold.
 * SQLite's full-text index also has shadow tables named `<index>_...`.
 */
export const storeIndexes = {
  participant_search: {
    from: 'participants',
    why:
      "full-text index of participants' names and identifiers, kept by trigger from the participants table; " +
      "anonymising rewrites the row and purges the index's old segments",
  },
  participant_sort_keys: {
    from: 'participants',
    why:
      "each participant's status, surname and first name, the quick search's page order, kept by trigger from the " +
      'participants table (migration 0270); anonymising rewrites them with the row',
  },
  participant_index_deferral: {
    from: 'participants',
    why:
      "a flag, no person's data: holds one row only inside an import's transaction while the two tables above are " +
      'filled once for the people it inserted, instead of by their insert triggers (migration 0305)',
  },
} as const satisfies Record<string, { from: TableName; why: string }>;

/**
 * Columns a team database's server keeps in a table beside the schema (not in `Database`: the app
 * never selects or writes them), each worked out by the server from the listed columns of the
 * same row (STORED generated columns) on every insert and update. What they hold is what those
 * columns hold: a viewer reads one only if it reads every column it is made of (readable-columns.ts),
 * anonymising and merging change it by changing those, a copy (`cli team migrate`) leaves it to
 * the server. None may be made of a special-category or criminal-offence column.
 */
export const storeDerivedColumns = {
  participants: {
    search_name: {
      from: ['first_name', 'preferred_name', 'last_name'],
      why: 'the names folded for the quick search (accents, case), trigram-indexed (migration 0250)',
    },
    search_ident: {
      from: ['reference', 'ni_number', 'postcode', 'phone_digits'],
      why: 'the identifiers in compact form folded for the quick search, trigram-indexed (migration 0250)',
    },
  },
} as const satisfies { [T in TableName]?: Record<string, { from: readonly ColumnName<T>[]; why: string }> };

/** The columns a store-derived column of `table` is made of (null: `column` is not one). */
export function derivedFrom(table: TableName, column: string): readonly string[] | null {
  const derived: Partial<Record<TableName, Record<string, { from: readonly string[] }>>> = storeDerivedColumns;
  return derived[table]?.[column]?.from ?? null;
}

/** The registry as the app reads it (column names as strings). */
const registry: Record<TableName, TableEntry<string>> = personalData;

/** A table about participants, as the app reads it. */
export interface PersonTable extends ParticipantTable<string> {
  table: TableName;
}

/** The tables about participants, in the registry's order (the record first). */
export function participantTables(): PersonTable[] {
  return (Object.keys(registry) as TableName[]).flatMap((table) => {
    const entry = registry[table];
    return entry.about === 'participant' ? [{ ...entry, table }] : [];
  });
}

export function participantTable(table: TableName): PersonTable {
  const entry = registry[table];
  if (entry.about !== 'participant') throw new Error(`${table} is not a table about participants`);
  return { ...entry, table };
}

/** A participant table's column rules (none for other tables). */
export function columnRules(table: TableName): Record<string, ColumnRule> {
  const entry = registry[table];
  return entry.about === 'participant' ? entry.columns : {};
}

/** The reference an anonymised record is given. */
export function anonymousReference(id: number): string {
  return `ANON-${String(id).padStart(6, '0')}`;
}

/** The retention steps of tables that only mention participants. */
export function mentioningTables(): MentionStep[] {
  return Object.values(registry).flatMap((entry) =>
    entry.about !== 'participant' && entry.anonymise ? [entry.anonymise] : [],
  );
}

/** Whether the registry lists a table (the type says so; a name read from the database may not). */
export function isRegisteredTable(table: string): table is TableName {
  return Object.hasOwn(registry, table);
}

/** Every column of a table, as the registry lists them. */
export function tableColumns(table: TableName): string[] {
  const entry = registry[table];
  return entry.about === 'participant' ? Object.keys(entry.columns) : [...entry.personal, ...entry.notPersonal];
}

/** Columns of a table a viewer never receives. */
export function withheldColumns(table: TableName): string[] {
  return Object.entries(columnRules(table))
    .filter(([, rule]) => rule.viewers === 'withhold')
    .map(([column]) => column);
}
