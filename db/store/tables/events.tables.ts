// Row types of events and activities, their partners, aggregate headcounts and named attendance
// (migration 0200).
import type { Generated } from 'kysely';

export interface EventsTable {
  id: Generated<number>;
  /** A code of the reference list 'event_kind'. */
  kind: string;
  title: string;
  held_on: string;
  organiser_org_id: number | null;
  venue: string | null;
  school: string | null;
  contract_id: number | null;
  notes: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface EventPartnersTable {
  event_id: number;
  organisation_id: number;
}

export type EventAgeGroup = 'under_11' | 'age_11_15' | 'age_16_18' | 'age_19_24' | 'age_25_plus';

/** How many people of an age group came (from a school, or '' when not split by school). */
export interface EventHeadcountsTable {
  id: Generated<number>;
  event_id: number;
  age_group: EventAgeGroup;
  school: Generated<string>;
  headcount: number;
}

/** A participant (16 or over on the day) named as attending. */
export interface EventAttendeesTable {
  id: Generated<number>;
  event_id: number;
  participant_id: number;
  created_at: string;
  created_by: number | null;
}

export interface EventTables {
  events: EventsTable;
  event_partners: EventPartnersTable;
  event_headcounts: EventHeadcountsTable;
  event_attendees: EventAttendeesTable;
}
