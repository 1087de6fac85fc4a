// Subject access: everything held about one person, in one readable bundle built in memory (no
// temporary files): a zip with an xlsx workbook (one sheet per area), the evidence files and a
// README. Areas come from the participants area's linked-tables module, the one list of tables
// hanging off a person (a test fails until a new participant_id table is listed there), and any
// participant_id table found in the schema but not yet listed is included anyway.
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { FileOutput } from '../../../shared/contract/common';
import type { HandlerContext } from '../../backend/context';
import type { Tx } from '../../store/schema';
import { appendAudit, readableAuditRows } from '../audit/audit.repository';
import { writeXlsx, type CellType, type XlsxColumn } from '../export/xlsx-writer';
import { heldThroughOtherTables, tablesByParticipantId } from '../participants/linked-tables';
import { personIds } from '../participants/participant-timeline.service';

type Row = Record<string, unknown>;
interface Area {
  area: string;
  rows: Row[];
}

const STAFF_COLUMNS = /(^|_)(by|staff_id|key_worker_id)$/;
const DATE_COLUMNS = /(_date|_on|^date_of_birth)$/;

function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error('Unexpected table or column name');
  return `"${name}"`;
}

/** Tables with a `column` column, and each one's columns (Kysely reads the schema the same way
 * on every dialect). */
async function tablesWithColumn(tx: Tx, column: string): Promise<Map<string, string[]>> {
  const tables = await tx.introspection.getTables();
  return new Map(
    tables
      .filter((t) => !t.isView && t.columns.some((c) => c.name === column))
      .map((t) => [t.name, t.columns.map((c) => c.name)]),
  );
}

export async function findPerson(
  tx: Tx,
  reference: string,
): Promise<{ id: number; reference: string; first_name: string; last_name: string; status: string }> {
  const person = await tx
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'status'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  if (!person)
    throw new AppFailure('not-found', `No participant has the reference ${reference.trim().toUpperCase()}.`, [
      { path: ['reference'], message: 'No participant has this reference' },
    ]);
  return person;
}

/** The record a person's data now hangs off: a merged record's survivor (and its survivor...). */
async function survivorOf(tx: Tx, participantId: number): Promise<number> {
  let id = participantId;
  for (let hops = 0; hops < 100; hops++) {
    const row = await tx.selectFrom('participants').select('merged_into_id').where('id', '=', id).executeTakeFirst();
    if (!row?.merged_into_id) return id;
    id = row.merged_into_id;
  }
  return id;
}

/** Tables that hold no data about the person to hand over (the audit log is read below, opened). */
const notSubjectData = new Set(['participants', 'audit_log', 'audit_keys']);

/** Every area's rows about the person: their record and every record merged into it, each table
 * listed in the participants area's linked-tables module (which a test keeps complete for every
 * participant_id column), the tables reached through them, and the audit entries, opened. */
export async function collectSubjectData(tx: Tx, participantId: number): Promise<Area[]> {
  const ids = await personIds(tx, await survivorOf(tx, participantId));
  const inIds = sql.join(ids);
  const areas: Area[] = [];
  const record = await sql<Row>`select * from participants where id in (${inIds}) order by id`.execute(tx);
  areas.push({ area: 'participants', rows: record.rows });
  const listed = tablesByParticipantId().filter((t) => !notSubjectData.has(t));
  const withParticipantId = await tablesWithColumn(tx, 'participant_id');
  // A table added since with a participant_id column but not yet listed is still handed over.
  const unlisted = [...withParticipantId.keys()].filter((t) => !notSubjectData.has(t) && !listed.includes(t));
  for (const table of [...listed, ...unlisted]) {
    // Oldest first: by id where the table has one, else by every column (a stable order on any dialect).
    const columns = withParticipantId.get(table) ?? ['participant_id'];
    const order = columns.includes('id') ? ['id'] : columns;
    const rows =
      await sql<Row>`select * from ${sql.raw(ident(table))} where participant_id in (${inIds}) order by ${sql.join(order.map((c) => sql.ref(c)))}`.execute(
        tx,
      );
    areas.push({ area: table, rows: rows.rows });
  }
  for (const source of heldThroughOtherTables) areas.push({ area: source.table, rows: await source.rows(tx, ids) });
  const audit = await tx
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'staff_id',
      'action',
      'entity',
      'entity_id',
      'participant_id',
      'summary',
      'before_json',
      'after_json',
    ])
    .where('participant_id', 'in', ids)
    .orderBy('id')
    .execute();
  areas.push({ area: 'audit_log', rows: (await readableAuditRows(tx, audit)) as unknown as Row[] });
  return areas;
}

function sheetName(area: string, used: Set<string>): string {
  const base = area
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase())
    .slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name);
  return name;
}

export async function buildSubjectAccessBundle(
  ctx: HandlerContext,
  reference: string,
): Promise<{
  file: FileOutput;
  participantId: number;
  areas: Array<{ area: string; rows: number }>;
  fileCount: number;
}> {
  const person = await findPerson(ctx.db, reference);
  const areas = await collectSubjectData(ctx.db, person.id);
  const staff = new Map(
    (await ctx.db.selectFrom('staff').select(['id', 'display_name']).execute()).map((s) => [s.id, s.display_name]),
  );
  const files: Record<string, Uint8Array> = {};
  const used = new Set<string>();
  const sheets = areas.map(({ area, rows }) => {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    // File contents go into the zip beside the workbook; the cell says where.
    const prepared = rows.map((r, i) => {
      const out: Row = { ...r };
      for (const [k, v] of Object.entries(r)) {
        if (v instanceof Uint8Array) {
          const label = String(r.file_name ?? r.evidence_file_name ?? r.name ?? `${area}-${i + 1}`)
            .replace(/[^\w.-]+/g, '_')
            .slice(0, 80);
          const target = `files/${area}-${String(r.id ?? i + 1)}-${label}`;
          files[target] = new Uint8Array(v);
          out[k] = target;
        } else if (STAFF_COLUMNS.test(k) && typeof v === 'number') {
          out[k] = `${staff.get(v) ?? 'unknown'} (#${v})`;
        }
      }
      return out;
    });
    const cols: XlsxColumn<Row>[] = columns.map((c) => {
      const type: CellType = DATE_COLUMNS.test(c)
        ? 'date'
        : prepared.every((r) => r[c] === null || typeof r[c] === 'number')
          ? 'number'
          : 'text';
      return { header: c.replace(/_/g, ' '), type, value: (r: Row) => r[c] as string | number | null };
    });
    return {
      name: sheetName(area, used),
      columns: cols.length ? cols : [{ header: '(nothing held)', type: 'text' as const, value: () => null }],
      rows: prepared,
    };
  });
  const now = ctx.clock.now().toISOString();
  const workbook = await writeXlsx(sheets, { title: `Subject access ${person.reference}` });
  const counts = areas.map((a) => ({ area: a.area, rows: a.rows.length }));
  const readme = [
    `Subject access bundle for participant ${person.reference}`,
    `Produced by Worksbook on ${now.slice(0, 10)} at ${now.slice(11, 16)} UTC.`,
    '',
    'CONFIDENTIAL: this bundle holds personal data, possibly special-category data. Send it securely',
    'to the person it is about, and delete any copy that is no longer needed.',
    '',
    'Contents:',
    '  data.xlsx   one sheet per area of the record (the record itself, history, courses,',
    '              placements, outcomes, evidence, notes, ...) and the audit log entries about',
    '              this person (who viewed or changed what, and when).',
    '  files/      copies of evidence files held for this person, named as in data.xlsx.',
    '',
    'What each sheet holds (rows):',
    ...counts.map((c) => `  ${c.area.padEnd(28)} ${c.rows}`),
    '',
    'Staff are shown by name with their number. Dates are shown day/month/year.',
  ].join('\r\n');
  const zip = zipSync(
    { 'README.txt': strToU8(readme), 'data.xlsx': workbook, ...files },
    { level: 6, mtime: new Date('2000-01-01T00:00:00Z') },
  );
  return {
    file: {
      fileName: `subject-access-${person.reference}-${now.slice(0, 10)}.zip`,
      mime: 'application/zip',
      bytes: zip,
      rows: counts.reduce((n, c) => n + c.rows, 0),
    },
    participantId: person.id,
    areas: counts,
    fileCount: Object.keys(files).length,
  };
}

export async function exportSubjectAccess(
  ctx: HandlerContext,
  reference: string,
  reason?: string,
): Promise<FileOutput> {
  const { file, participantId, areas, fileCount } = await buildSubjectAccessBundle(ctx, reference);
  await appendAudit(ctx.db, ctx.clock.now().toISOString(), ctx.staffId, {
    action: 'export',
    entity: 'subject-access',
    entityId: participantId,
    participantId,
    summary: `Subject access bundle exported (${areas.length} areas, ${file.rows} rows, ${fileCount} files)${reason ? `: ${reason}` : ''}`,
    after: { areas },
  });
  return file;
}
