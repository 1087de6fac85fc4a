// Subject access bundles, and the canary: a distinctive person's name and NI number must not
// appear in the database file, its WAL, backups, temporary export files or the logs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { appendAudit } from '../../db/features/audit/audit.repository';
import { setLogSink } from '../../db/backend/log';

const opened: TestBackend[] = [];
afterEach(async () => {
  setLogSink((line) => process.stderr.write(`${line}\n`));
  for (const t of opened.splice(0)) await t.close();
});

const CANARY_NAME = 'Xanthippe Canarywhistle';
const CANARY_NI = 'ZX123456C';

async function personWithEverything(t: TestBackend, names = { first: 'Xanthippe', last: 'Canarywhistle' }, ni = CANARY_NI) {
  const db = t.backend.store.db;
  const id = await aParticipant(db, { first_name: names.first, last_name: names.last, ni_number: ni, ni_status: 'known', reference: 'SW-CAN001' });
  await db.insertInto('participant_notes').values({ participant_id: id, body: `${names.first} prefers mornings`, created_at: '2026-02-01' }).execute();
  await db.insertInto('outcome_types').values({ code: 'T_JOB', label: 'Test job', category: 'job' }).onConflict((oc) => oc.doNothing()).execute();
  const outcome = await db.insertInto('outcomes').values({ participant_id: id, outcome_type: 'T_JOB', outcome_date: '2026-05-01', created_at: '2026-05-02', updated_at: '2026-05-02' }).returning('id').executeTakeFirstOrThrow();
  const evidence = await db.insertInto('evidence_items').values({ participant_id: id, outcome_id: outcome.id, kind: 'payslip', file_name: 'payslip.pdf', file_mime: 'application/pdf', file_size: 9, created_at: '2026-05-02' }).returning('id').executeTakeFirstOrThrow();
  await appendAudit(db, '2026-05-02T10:00:00.000Z', t.staffId, { action: 'create', entity: 'participant', entityId: id, participantId: id, summary: `${names.first} ${names.last} created`, after: { ni_number: ni } });
  return { id, evidenceId: evidence.id };
}

describe('subject access', () => {
  it('one action exports every area, the evidence files and the audit entries, and is audited', async () => {
    const t = await createTestBackend();
    opened.push(t);
    const { evidenceId } = await personWithEverything(t);
    // Evidence bytes may live in another area's table; the bundle finds it from the schema.
    t.backend.store.sqlite.exec('create table evidence_files (id integer primary key, evidence_item_id integer not null references evidence_items(id), bytes blob not null)');
    t.backend.store.sqlite.prepare('insert into evidence_files (evidence_item_id, bytes) values (?, ?)').run(evidenceId, Buffer.from('%PDF-1.4\n'));
    const found = await t.ok('sar.find', { reference: 'sw-can001' });
    expect(found.name).toBe(CANARY_NAME);
    expect(found.areas.find((a) => a.area === 'outcomes')?.rows).toBe(1);

    const file = await t.ok('sar.export', { reference: 'SW-CAN001', reason: 'SAR 2026/14' });
    expect(file.fileName).toMatch(/^subject-access-SW-CAN001-.*\.zip$/);
    const zip = unzipSync(file.bytes);
    expect(Object.keys(zip).sort()).toEqual(['README.txt', 'data.xlsx', 'files/evidence_files-1-payslip.pdf'].sort());
    expect(strFromU8(zip['files/evidence_files-1-payslip.pdf']!)).toBe('%PDF-1.4\n');
    expect(strFromU8(zip['README.txt']!)).toMatch(/SW-CAN001[\s\S]*outcomes +1/);
    const xlsx = path.join(t.dir, 'sar.xlsx');
    fs.writeFileSync(xlsx, zip['data.xlsx']!);
    const script = `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nfor ws in wb.worksheets:\n  print('#'+ws.title)\n  for r in ws.iter_rows(values_only=True): print('|'.join('' if v is None else str(v) for v in r))`;
    const text = execFileSync('/usr/bin/python3', ['-c', script, xlsx], { encoding: 'utf8' });
    for (const sheet of ['#Participants', '#Outcomes', '#Evidence items', '#Participant notes', '#Audit log', '#Evidence files']) expect(text).toContain(sheet);
    expect(text).toContain(CANARY_NI);
    expect(text).toContain('Xanthippe Canarywhistle created');
    expect(text).toContain('files/evidence_files-1-payslip.pdf');
    const audit = await t.ok('audit.page', { auditFilter: { entity: 'subject-access' } });
    expect(audit.rows[0]!.summary).toMatch(/Subject access bundle exported .*SAR 2026\/14/);
    const missing = await t.call('sar.export', { reference: 'SW-NOPE' });
    expect(missing.ok ? [] : missing.error.fields?.map((f) => f.path[0])).toEqual(['reference']);
  });
});

describe('the canary', () => {
  it('never appears in the store, its WAL, backups, temporary files or logs', async () => {
    const logs: string[] = [];
    setLogSink((line) => logs.push(line));
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    const t = await createTestBackend({ key: { kind: 'raw', bytes: Buffer.alloc(32, 9) } });
    opened.push(t);
    t.backend.store.sqlite.pragma('wal_autocheckpoint = 0'); // keep everything in the WAL too
    await personWithEverything(t);
    await t.ok('participants.page', { search: 'Canarywhistle' });
    await t.ok('audit.export', {});
    await t.ok('sar.export', { reference: 'SW-CAN001' });
    await t.ok('backup.create', {});
    await t.call('sar.export', { reference: CANARY_NAME }); // a failure, logged
    await t.call('participants.page', { search: CANARY_NI, limit: -1 }); // a validation error
    const files = [t.file, `${t.file}-wal`, ...fs.readdirSync(t.backend.services.backupDir).map((f) => path.join(t.backend.services.backupDir, f))];
    expect(fs.existsSync(`${t.file}-wal`)).toBe(true);
    // Nothing new in the data folder but the store and its backups; nothing new in the temp folder.
    expect(fs.readdirSync(t.dir).sort()).toEqual(['backups', 'worksbook.sqlite', 'worksbook.sqlite-shm', 'worksbook.sqlite-wal']);
    const newTemp = fs.readdirSync(os.tmpdir()).filter((f) => !tmpBefore.has(f) && path.join(os.tmpdir(), f) !== t.dir);
    for (const f of newTemp) files.push(...listFiles(path.join(os.tmpdir(), f)));
    expect(logs.length).toBeGreaterThan(5);
    const haystacks: Array<[string, Buffer]> = [...files.filter((f) => fs.existsSync(f)).map((f) => [f, fs.readFileSync(f)] as [string, Buffer]), ['logs', Buffer.from(logs.join('\n'))]];
    for (const [where, bytes] of haystacks) {
      for (const needle of ['Canarywhistle', 'Xanthippe', CANARY_NI]) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${where}`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${where}`).toBe(false);
      }
    }
  });
});

function listFiles(p: string): string[] {
  try {
    const s = fs.statSync(p);
    if (s.isFile()) return [p];
    if (s.isDirectory()) return fs.readdirSync(p).flatMap((f) => listFiles(path.join(p, f)));
  } catch {
    // vanished or unreadable (another process's temp file)
  }
  return [];
}
