// Every migration, in order. An explicit list because a bundled app has no folder to scan.
// Names are zero-padded. The first version was built in area ranges (001x participants, 002x
// courses, 003x outcomes, 004x returns, 005x imports, 006x trust); from 0070 on, numbers simply
// increase, whatever the area, because a store refuses a migration named before its last one.
// Append only; never edit a shipped one.
//
// One list for both stores. An entry is one migration written portably (Kysely's schema builder:
// it runs on PostgreSQL through db/store/postgres/migration-plugin.ts), or, for a shipped
// migration that holds SQLite-only statements, `{ sqlite, postgres }` with its PostgreSQL
// equivalent in ./postgres/ (frozen in the manifest too). Write every new one portably.
import type { Migration } from 'kysely/migration';
import * as pg0001 from './postgres/0001-foundation';
import * as pg0010 from './postgres/0010-participants-search-merges';
import * as pg0040 from './postgres/0040-returns';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-participants';
import * as m0003 from './0003-organisations-courses';
import * as m0004 from './0004-placements-outcomes';
import * as m0060 from './0060-trust';
import * as m0050 from './0050-imports';
import * as m0010 from './0010-participants-search-merges';
import * as m0020 from './0020-course-catalogue';
import * as m0040 from './0040-returns';
import * as m0070 from './0070-counting-indexes';
import * as m0110 from './0110-college-courses';
import * as m0130 from './0130-geography-eligibility';
import * as m0131 from './0131-headline-local-area';
import * as m0140 from './0140-vacancies';
import * as m0160 from './0160-participant-name-sounds';
import * as m0161 from './0161-participant-referrals';
import * as m0162 from './0162-outcome-evidence-needed';
import * as m0170 from './0170-funding-attribution';
import * as m0171 from './0171-funder-sets';
import * as m0180 from './0180-staff-setup-codes';
import * as m0181 from './0181-audit-epochs';
import * as m0190 from './0190-section-106';
import * as m0191 from './0191-keyworker';
import * as m0195 from './0195-record-versions';
import * as m0200 from './0200-events';
import * as m0201 from './0201-measure-kinds';
import * as m0210 from './0210-enrolment-versions';
import * as m0220 from './0220-reference-referral-evidence';
import * as m0240 from './0240-dashboard-indexes';
import * as m0250 from './0250-participant-search-columns';
import * as m0255 from './0255-staff-database-login';
import * as m0260 from './0260-grid-search-indexes';
import * as m0270 from './0270-participant-sort-keys';
import * as m0275 from './0275-participants-area-lookup';
import * as m0290 from './0290-participants-prefix-indexes';
import * as m0291 from './0291-import-batch-rows-entity-index';
import * as m0305 from './0305-participant-index-deferral';
import * as m0306 from './0306-import-batch-rows-participant-index';
import * as m0310 from './0310-participants-id-person';
import * as m0311 from './0311-participants-id-person-eligibility';

// -- foundation --
/** A shipped migration and its PostgreSQL equivalent. */
export interface DialectMigrations {
  sqlite: Migration;
  postgres: Migration;
}
export type MigrationEntry = Migration | DialectMigrations;

export function isDialectMigrations(entry: MigrationEntry): entry is DialectMigrations {
  return 'sqlite' in entry && 'postgres' in entry;
}

const foundation: Record<string, MigrationEntry> = {
  '0001-foundation': { sqlite: m0001, postgres: pg0001 },
  '0002-participants': m0002,
  '0003-organisations-courses': m0003,
  '0004-placements-outcomes': m0004,
};

// -- participants (001x) --
const participants: Record<string, MigrationEntry> = {
  '0010-participants-search-merges': { sqlite: m0010, postgres: pg0010 },
};

// -- courses (002x) --
const courses: Record<string, Migration> = {
  '0020-course-catalogue': m0020,
};

// -- placements and outcomes (003x) --
import * as m0030 from './0030-outcomes-evidence-files';
const outcomes: Record<string, Migration> = {
  '0030-outcomes-evidence-files': m0030,
};

// -- returns (004x) --
const returns: Record<string, MigrationEntry> = {
  '0040-returns': { sqlite: m0040, postgres: pg0040 },
};

// -- imports (005x) --
const imports: Record<string, Migration> = {
  '0050-imports': m0050,
};

// -- trust (006x) --
const trust: Record<string, Migration> = {
  '0060-trust': m0060,
};

// -- after the first version: one increasing sequence --
const later: Record<string, Migration> = {
  '0070-counting-indexes': m0070,
  '0110-college-courses': m0110,
  '0130-geography-eligibility': m0130,
  '0131-headline-local-area': m0131,
  '0140-vacancies': m0140,
  '0160-participant-name-sounds': m0160,
  '0161-participant-referrals': m0161,
  '0162-outcome-evidence-needed': m0162,
  '0170-funding-attribution': m0170,
  '0171-funder-sets': m0171,
  '0180-staff-setup-codes': m0180,
  '0181-audit-epochs': m0181,
  '0190-section-106': m0190,
  '0191-keyworker': m0191,
  '0195-record-versions': m0195,
  '0200-events': m0200,
  '0201-measure-kinds': m0201,
  '0210-enrolment-versions': m0210,
  '0220-reference-referral-evidence': m0220,
  '0240-dashboard-indexes': m0240,
  '0250-participant-search-columns': m0250,
  '0255-staff-database-login': m0255,
  '0260-grid-search-indexes': m0260,
  '0270-participant-sort-keys': m0270,
  '0275-participants-area-lookup': m0275,
  '0290-participants-prefix-indexes': m0290,
  '0291-import-batch-rows-entity-index': m0291,
  '0305-participant-index-deferral': m0305,
  '0306-import-batch-rows-participant-index': m0306,
  '0310-participants-id-person': m0310,
  '0311-participants-id-person-eligibility': m0311,
};

export const migrations: Record<string, MigrationEntry> = {
  ...foundation,
  ...participants,
  ...courses,
  ...outcomes,
  ...returns,
  ...imports,
  ...trust,
  ...later,
};

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';
