// The audit screen's data: the log filtered by who, action, entity, dates and participant,
// newest first, with personal values opened for the administrator reading it; and its export (a job).
import type { SelectQueryBuilder } from 'kysely';
import type { AuditFilter, AuditRow } from '../../../shared/contract/trust.contract';
import type { GridQuery, FileOutput } from '../../../shared/contract/common';
import type { Database, Db, Tx } from '../../store/schema';
import { appendAudit, readableAuditRows } from '../audit/audit.repository';
import { writeXlsx } from '../export/xlsx-writer';
import type { ExportJobWork, RowTracker } from '../export/export-job';
import { checkGridQuery, gridColumnRules, textMatches } from '../grid/grid-query';

/** The grid sorts by time only, which is entry order (the id): the log is append-only. Other
 * filtering is the audit filter form's. */
const auditGridColumns = gridColumnRules<AuditRow>({ at: {} });

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', object>;

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function applyFilter<Q extends AuditQuery>(q: Q, f: AuditFilter, search: string): Q {
  let out = q as AuditQuery;
  if (f.staffId) out = out.where('audit_log.staff_id', '=', f.staffId);
  if (f.action) out = out.where('audit_log.action', '=', f.action);
  if (f.entity) out = out.where('audit_log.entity', '=', f.entity);
  if (f.from) out = out.where('audit_log.at', '>=', f.from);
  if (f.to) out = out.where('audit_log.at', '<', nextDay(f.to));
  if (f.participantReference) {
    const ref = f.participantReference.toUpperCase();
    out = out.where('audit_log.participant_id', 'in', (eb) =>
      eb.selectFrom('participants').select('participants.id').where('participants.reference', '=', ref),
    );
  }
  const s = search.trim();
  if (s)
    out = out.where((eb) =>
      eb.or([
        textMatches('audit_log.action', s, 'startsWith'),
        textMatches('audit_log.entity', s, 'startsWith'),
        eb('audit_log.entity_id', '=', s),
      ]),
    );
  return out as Q;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.staff_id')
    .leftJoin('participants', 'participants.id', 'audit_log.participant_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'staff.display_name as staff_name',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.participant_id',
      'participants.reference as participant_reference',
      'audit_log.summary',
      'audit_log.before_json',
      'audit_log.after_json',
    ]);
}

async function toRows(db: Db, raw: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>): Promise<AuditRow[]> {
  const readable = await readableAuditRows(db, raw);
  return readable.map((r) => ({
    id: r.id,
    at: r.at,
    staffName: r.staff_name ?? null,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    participantReference: r.participant_reference ?? null,
    summary: r.summary,
    before: r.before_json,
    after: r.after_json,
  }));
}

export async function auditPage(
  db: Db,
  query: GridQuery & { auditFilter: AuditFilter },
): Promise<{ rows: AuditRow[]; total: number }> {
  checkGridQuery(query, auditGridColumns);
  const filtered = applyFilter(
    baseQuery(db) as unknown as AuditQuery,
    query.auditFilter,
    query.search,
  ) as unknown as ReturnType<typeof baseQuery>;
  const sortAsc = query.sort[0]?.colId === 'at' && query.sort[0].sort === 'asc';
  const raw = await filtered
    .orderBy('audit_log.id', sortAsc ? 'asc' : 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { rows: await toRows(db, raw), total: await countEntries(db, query.auditFilter, query.search) };
}

/** How many entries the filter (and the grid's search) matches. */
async function countEntries(db: Db, filter: AuditFilter, search: string): Promise<number> {
  const totalRow = (await applyFilter(
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')) as unknown as AuditQuery,
    filter,
    search,
  ).executeTakeFirstOrThrow()) as unknown as { n: number };
  return Number(totalRow.n);
}

async function* allRows(db: Db, filter: AuditFilter): AsyncGenerator<AuditRow> {
  // No sentinel for "from the top": a number past the id column's range is refused by PostgreSQL.
  let lastId: number | null = null;
  for (;;) {
    let q = applyFilter(baseQuery(db) as unknown as AuditQuery, filter, '') as unknown as ReturnType<typeof baseQuery>;
    if (lastId !== null) q = q.where('audit_log.id', '<', lastId);
    const raw = await q.orderBy('audit_log.id', 'desc').limit(2000).execute();
    if (!raw.length) return;
    yield* await toRows(db, raw);
    lastId = raw[raw.length - 1]!.id;
  }
}

type AuditFile = FileOutput & { rows: number };

/** The export of the filtered log as a job (db/features/export/export-job.ts): counted first for
 * the progress bar, then read in chunks outside any transaction (a long log must not hold the
 * store), and recorded in the log once the workbook is complete. */
export async function auditExportJob(
  db: Db,
  filter: AuditFilter,
  actor: { staffId: number | null; now: string },
): Promise<ExportJobWork<AuditFile>> {
  return {
    label: 'Exporting the audit log',
    total: await countEntries(db, filter, ''),
    write: (track) => writeAuditWorkbook(db, filter, actor.now, track),
    audit: (tx, file) => recordAuditExport(tx, actor.now, actor.staffId, filter, file.rows),
  };
}

async function writeAuditWorkbook(db: Db, filter: AuditFilter, now: string, track: RowTracker): Promise<AuditFile> {
  let rows = 0;
  const counted = async function* () {
    for await (const r of allRows(db, filter)) {
      rows++;
      yield r;
    }
  };
  const described = describeFilter(filter);
  const bytes = await writeXlsx(
    [
      {
        name: 'Audit log',
        preamble: ['Worksbook audit log', `Filter: ${described}`, `Exported ${now.slice(0, 16).replace('T', ' ')} UTC`],
        landscape: true,
        columns: [
          { header: 'Entry', type: 'integer', value: (r: AuditRow) => r.id },
          { header: 'When (UTC)', type: 'text', width: 22, value: (r: AuditRow) => r.at },
          { header: 'Who', type: 'text', width: 22, value: (r: AuditRow) => r.staffName },
          { header: 'Action', type: 'text', value: (r: AuditRow) => r.action },
          { header: 'Entity', type: 'text', value: (r: AuditRow) => r.entity },
          { header: 'Entity id', type: 'text', value: (r: AuditRow) => r.entityId },
          { header: 'Participant', type: 'text', value: (r: AuditRow) => r.participantReference },
          { header: 'Summary', type: 'text', width: 60, value: (r: AuditRow) => r.summary },
          { header: 'Before', type: 'text', width: 40, value: (r: AuditRow) => r.before },
          { header: 'After', type: 'text', width: 40, value: (r: AuditRow) => r.after },
        ],
        rows: track(counted()),
      },
    ],
    { title: 'Audit log' },
  );
  return {
    fileName: `audit-log-${now.slice(0, 10)}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: new Uint8Array(bytes),
    rows,
  };
}

function describeFilter(filter: AuditFilter): string {
  return (
    Object.entries(filter)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || 'everything'
  );
}

async function recordAuditExport(
  tx: Tx,
  now: string,
  staffId: number | null,
  filter: AuditFilter,
  rows: number,
): Promise<void> {
  await appendAudit(tx, now, staffId, {
    action: 'export',
    entity: 'audit_log',
    summary: `Audit log exported (${rows} entries; filter: ${describeFilter(filter)})`,
    after: { filter, rows },
  });
}
