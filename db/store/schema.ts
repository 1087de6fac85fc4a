// The whole store's shape for Kysely, composed from each area's tables so that areas grow
// without touching each other.
import type { Kysely, Transaction } from 'kysely';
import type { FoundationTables } from './tables/foundation.tables';
import type { ParticipantTables } from './tables/participants.tables';
import type { CourseTables } from './tables/courses.tables';
import type { OutcomeTables } from './tables/outcomes.tables';
import type { ReturnTables } from './tables/returns.tables';
import type { ImportTables } from './tables/imports.tables';
import type { TrustTables } from './tables/trust.tables';
import type { GeographyTables } from './tables/geography.tables';
import type { VacancyTables } from './tables/vacancies.tables';
import type { EventTables } from './tables/events.tables';

export interface Database
  extends
    FoundationTables,
    ParticipantTables,
    CourseTables,
    OutcomeTables,
    ReturnTables,
    ImportTables,
    TrustTables,
    GeographyTables,
    VacancyTables,
    EventTables {}

/** A handle that may read and write: the store itself or an open transaction. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
