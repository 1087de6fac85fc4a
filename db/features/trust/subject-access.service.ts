// Subject access: everything held about one person, in one readable bundle built in memory (no
// temporary files): a zip with an xlsx workbook (one sheet per area), the evidence files and a
// README. What is in it comes from the personal-data registry (db/store/tables/personal-data.ts):
// every table about participants that it says the bundle shows, with each column shown as it says
// (a value, a date, a staff member's name, a file), and the audit entries about the person, opened.
import { strToU8, zipSync } from 'fflate';
import { AppFailure } from '../../../shared/result';
import type { FileOutput } from '../../../shared/contract/common';
import type { Db } from '../../store/schema';
import { columnRules, participantTables, type AccessAs, type TableName } from '../../store/tables/personal-data';
import { listStaff } from '../staff/staff.repository';
import { appendAudit, readableAuditRows } from '../audit/audit.repository';
import { writeXlsx, type CellType, type XlsxColumn } from '../export/xlsx-writer';
import type { ExportJobWork, ExportStage, RowTracker } from '../export/export-job';
import { personIds } from '../participants/participant-timeline.repository';
import { auditEntriesOf, mergedIntoOf, personByReference, personRows } from './person-rows.repository';

type Row = Record<string, unknown>;
interface Area {
  area: TableName;
  rows: Row[];
}

/** The columns of a table the bundle shows. */
function shownColumns(table: TableName): string[] {
  return Object.entries(columnRules(table))
    .filter(([, rule]) => rule.access !== 'omit')
    .map(([column]) => column);
}

export async function findPerson(
  db: Db,
  reference: string,
): Promise<{ id: number; reference: string; first_name: string; last_name: string; status: string }> {
  const person = await personByReference(db, reference);
  if (!person)
    throw new AppFailure('not-found', `No participant has the reference ${reference.trim().toUpperCase()}.`, [
      { path: ['reference'], message: 'No participant has this reference' },
    ]);
  return person;
}

/** The record a person's data now hangs off: a merged record's survivor (and its survivor...). */
async function survivorOf(db: Db, participantId: number): Promise<number> {
  let id = participantId;
  for (let hops = 0; hops < 100; hops++) {
    const into = await mergedIntoOf(db, id);
    if (into === null) return id;
    id = into;
  }
  return id;
}

/** Every area's rows about the person: their record and every record merged into it, each table
 * about participants the registry says the bundle shows (found as it says), and the audit entries,
 * opened with the person's keys. */
export async function collectSubjectData(db: Db, participantId: number): Promise<Area[]> {
  const ids = await personIds(db, await survivorOf(db, participantId));
  const areas: Area[] = [];
  for (const { table, access } of participantTables()) {
    if (access === 'rows') areas.push({ area: table, rows: await personRows(db, table, ids, shownColumns(table)) });
  }
  const audit = await auditEntriesOf(db, ids);
  areas.push({ area: 'audit_log', rows: (await readableAuditRows(db, audit)) as unknown as Row[] });
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

type Person = Awaited<ReturnType<typeof findPerson>>;
/** The bundle, with what its audit entry says of it (areas and files held). */
type BundleFile = FileOutput & { rows: number; areas: Array<{ area: string; rows: number }>; fileCount: number };

/** The bundle, built outside any transaction; `track`: each sheet's rows as written (the job's
 * progress and Cancel). */
async function buildSubjectAccessBundle(
  db: Db,
  person: Person,
  now: string,
  track: RowTracker,
  stage: ExportStage,
): Promise<BundleFile> {
  await stage('Collecting everything held about the person');
  const areas = await collectSubjectData(db, person.id);
  const staff = new Map((await listStaff(db)).map((s) => [s.id, s.display_name]));
  const files: Record<string, Uint8Array> = {};
  const used = new Set<string>();
  const sheets = areas.map(({ area, rows }) => {
    const rules = columnRules(area);
    const accessOf = (column: string): AccessAs => rules[column]?.access ?? 'value';
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    // File contents go into the zip beside the workbook; the cell says where.
    const prepared = rows.map((r, i) => {
      const out: Row = { ...r };
      for (const [k, v] of Object.entries(r)) {
        if (accessOf(k) === 'file' && v instanceof Uint8Array) {
          const label = String(r.file_name ?? `${area}-${i + 1}`)
            .replace(/[^\w.-]+/g, '_')
            .slice(0, 80);
          const target = `files/${area}-${String(r.id ?? i + 1)}-${label}`;
          files[target] = new Uint8Array(v);
          out[k] = target;
        } else if (accessOf(k) === 'staff' && typeof v === 'number') {
          out[k] = `${staff.get(v) ?? 'unknown'} (#${v})`;
        }
      }
      return out;
    });
    const cols: XlsxColumn<Row>[] = columns.map((c) => {
      const type: CellType =
        accessOf(c) === 'date'
          ? 'date'
          : prepared.every((r) => r[c] === null || typeof r[c] === 'number')
            ? 'number'
            : 'text';
      return { header: c.replace(/_/g, ' '), type, value: (r: Row) => r[c] as string | number | null };
    });
    return {
      name: sheetName(area, used),
      columns: cols.length ? cols : [{ header: '(nothing held)', type: 'text' as const, value: () => null }],
      rows: track(prepared, prepared.length),
    };
  });
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
    fileName: `subject-access-${person.reference}-${now.slice(0, 10)}.zip`,
    mime: 'application/zip',
    bytes: zip,
    rows: counts.reduce((n, c) => n + c.rows, 0),
    areas: counts,
    fileCount: Object.keys(files).length,
  };
}

/** The bundle's export as a job (db/features/export/export-job.ts): an unknown reference is refused
 * now, before the job starts; the export is recorded in the audit log once the bundle is complete. */
export async function subjectAccessJob(
  db: Db,
  reference: string,
  reason: string | undefined,
  actor: { staffId: number | null; now: string },
): Promise<ExportJobWork<BundleFile>> {
  const person = await findPerson(db, reference);
  return {
    // No reference in the label: every signed-in user sees the jobs list.
    label: 'Exporting a subject access bundle',
    total: 0,
    write: (track, stage) => buildSubjectAccessBundle(db, person, actor.now, track, stage),
    audit: async (tx, { areas, fileCount, rows }) => {
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'export',
        entity: 'subject-access',
        entityId: person.id,
        participantId: person.id,
        summary: `Subject access bundle exported (${areas.length} areas, ${rows} rows, ${fileCount} files)${reason ? `: ${reason}` : ''}`,
        after: { areas },
      });
    },
  };
}
