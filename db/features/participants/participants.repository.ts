// Queries on participants. Functions take the transaction (or store) first.
import { sql } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { ParticipantGridRow } from '../../../shared/contract/participants.contract';
import type { Tx } from '../../store/schema';

/** Grid columns a caller may sort or filter by, mapped to SQL columns (never raw input). */
const gridColumns = {
  reference: 'p.reference',
  firstName: 'p.first_name',
  lastName: 'p.last_name',
  dateOfBirth: 'p.date_of_birth',
  niNumber: 'p.ni_number',
  postcode: 'p.postcode',
  status: 'p.status',
  eligibilityStatus: 'p.eligibility_status',
  startDate: 'p.start_date',
  keyWorker: 's.display_name',
  fundingStream: 'f.name',
} as const;

export async function pageParticipants(tx: Tx, query: GridQuery): Promise<{ rows: ParticipantGridRow[]; total: number }> {
  let base = tx
    .selectFrom('participants as p')
    .leftJoin('staff as s', 's.id', 'p.key_worker_id')
    .leftJoin('funding_streams as f', 'f.id', 'p.funding_stream_id')
    .where('p.status', '!=', 'merged');

  for (const [colId, filter] of Object.entries(query.filters)) {
    const column = gridColumns[colId as keyof typeof gridColumns];
    if (!column) continue;
    if (filter.filterType === 'text' && filter.filter) {
      const needle = `%${filter.filter.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      base = base.where(sql<boolean>`${sql.ref(column)} like ${needle} escape '\\'`);
    } else if (filter.filterType === 'set') {
      base = base.where(sql.ref(column), 'in', filter.values.filter((v): v is string => v !== null));
    }
  }

  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rowsQuery = base.select([
    'p.id',
    'p.reference',
    'p.first_name as firstName',
    'p.last_name as lastName',
    'p.preferred_name as preferredName',
    'p.date_of_birth as dateOfBirth',
    'p.ni_number as niNumber',
    'p.postcode',
    'p.phone',
    'p.status',
    'p.eligibility_status as eligibilityStatus',
    'p.start_date as startDate',
    's.display_name as keyWorker',
    'f.name as fundingStream',
  ]);
  for (const s of query.sort) {
    const column = gridColumns[s.colId as keyof typeof gridColumns];
    if (column) rowsQuery = rowsQuery.orderBy(sql.ref(column), s.sort);
  }
  rowsQuery = rowsQuery.orderBy('p.id', 'asc');
  const rows = await rowsQuery.limit(query.limit).offset(query.offset).execute();
  return { rows: rows as ParticipantGridRow[], total: Number(totalRow.n) };
}
