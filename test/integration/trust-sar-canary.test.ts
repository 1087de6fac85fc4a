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
import { isPostgresRun } from '../support/test-store';

const opened: TestBackend[] = [];
afterEach(async () => {
  setLogSink((line) => process.stderr.write(`${line}\n`));
  for (const t of opened.splice(0)) await t.close();
});

const CANARY_NAME = 'Xanthippe Canarywhistle';
const CANARY_NI = 'ZX123456C';

async function personWithEverything(
  t: TestBackend,
  names = { first: 'Xanthippe', last: 'Canarywhistle' },
  ni = CANARY_NI,
) {
  const db = t.backend.store.db;
  const id = await aParticipant(db, {
    first_name: names.first,
    last_name: names.last,
    ni_number: ni,
    ni_status: 'known',
    reference: 'SW-CAN001',
  });
  await db
    .insertInto('participant_notes')
    .values({ participant_id: id, body: `${names.first} prefers mornings`, created_at: '2026-02-01' })
    .execute();
  await db
    .insertInto('outcome_types')
    .values({ code: 'T_JOB', label: 'Test job', category: 'job' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const outcome = await db
    .insertInto('outcomes')
    .values({
      participant_id: id,
      outcome_type: 'T_JOB',
      outcome_date: '2026-05-01',
      created_at: '2026-05-02',
      updated_at: '2026-05-02',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const evidence = await db
    .insertInto('evidence_items')
    .values({
      participant_id: id,
      outcome_id: outcome.id,
      kind: 'payslip',
      file_name: 'payslip.pdf',
      file_mime: 'application/pdf',
      file_size: 9,
      created_at: '2026-05-02',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.transaction().execute((tx) =>
    appendAudit(tx, '2026-05-02T10:00:00.000Z', t.staffId, {
      action: 'create',
      entity: 'participant',
      entityId: id,
      participantId: id,
      summary: `${names.first} ${names.last} created`,
      after: { ni_number: ni },
    }),
  );
  return { id, evidenceId: evidence.id };
}

/** A row about the person in every other table that can hold one (as the other areas write them),
 * and a second record of theirs merged into the first. */
async function everyOtherArea(t: TestBackend, id: number, evidenceId: number) {
  const s = t.backend.store.sqlite;
  const now = '2026-06-01T00:00:00.000Z';
  // The evidence item's file, stored once per content in the outcomes area's table.
  s.prepare(
    `insert into evidence_files (sha256, bytes, mime, size, created_at) values ('abc123', ?, 'application/pdf', 9, ?)`,
  ).run(Buffer.from('%PDF-1.4\n'), now);
  s.prepare(`update evidence_items set file_sha256 = 'abc123' where id = ?`).run(evidenceId);
  const org = s
    .prepare(`insert into organisations (name, kind, created_at, updated_at) values ('NHC', 'college', ?, ?)`)
    .run(now, now).lastInsertRowid;
  const type = s
    .prepare(`insert into course_types (code, name, provider_org_id) values ('L1', 'Level 1 Award', ?)`)
    .run(org).lastInsertRowid;
  const run = s
    .prepare(
      `insert into course_runs (course_type_id, start_date, end_date, capacity, created_at, updated_at) values (?, '2026-01-10', '2026-01-10', 12, ?, ?)`,
    )
    .run(type, now, now).lastInsertRowid;
  const session = s
    .prepare(`insert into course_sessions (course_run_id, session_date) values (?, '2026-01-10')`)
    .run(run).lastInsertRowid;
  const enrol = s
    .prepare(
      `insert into enrolments (course_run_id, participant_id, status, enrolled_on, created_at) values (?, ?, 'enrolled', '2026-01-05', ?)`,
    )
    .run(run, id, now).lastInsertRowid;
  s.prepare(
    `insert into attendance (course_session_id, enrolment_id, mark, recorded_at) values (?, ?, 'present', ?)`,
  ).run(session, enrol, now);
  s.prepare(
    `insert into eligibility_checks (participant_id, check_code, outcome, evidence_type, seen_on, recorded_at) values (?, 'right_to_work', 'met', ` +
      `'passport', '2026-01-02', ?)`,
  ).run(id, now);
  s.prepare(`insert into participant_barriers (participant_id, barrier_code) values (?, 'esol')`).run(id);
  s.prepare(`insert into participant_benefits (participant_id, benefit_code) values (?, 'universal_credit')`).run(id);
  s.prepare(
    `insert into participant_referrals (participant_id, referral_date, referral_source, source, created_at) values (?, '2026-05-01', 'jcp', 'form', ?)`,
  ).run(id, now);
  s.prepare(
    `insert into keyworker_plan_items (participant_id, kind, text, created_at, updated_at) values (?, 'goal', 'Find site work', ?, ?)`,
  ).run(id, now, now);
  s.prepare(
    `insert into keyworker_contacts (participant_id, contact_on, method, created_at) values (?, '2026-05-02', 'phone', ?)`,
  ).run(id, now);
  s.prepare(`insert into l1_awards (participant_id, achieved_on, created_at) values (?, '2026-02-01', ?)`).run(id, now);
  s.prepare(`insert into hse_tests (participant_id, taken_on, score, created_at) values (?, '2026-02-02', 46, ?)`).run(
    id,
    now,
  );
  s.prepare(
    `insert into cscs_cards (participant_id, card_type, issued_on, expires_on, created_at) values (?, 'green', '2026-02-10', '2028-02-10', ?)`,
  ).run(id, now);
  s.prepare(
    `insert into ppe_issues (participant_id, issued_on, items, created_at) values (?, '2026-02-11', 'boots', ?)`,
  ).run(id, now);
  s.prepare(`insert into site_ready_signoffs (participant_id, signed_on, created_at) values (?, '2026-02-12', ?)`).run(
    id,
    now,
  );
  s.prepare(
    `insert into placements (participant_id, kind, starts_on, status, created_at, updated_at) values (?, 'work_trial', '2026-03-01', 'active', ?, ?)`,
  ).run(id, now, now);
  const start = s
    .prepare(
      `insert into outcomes (participant_id, outcome_type, outcome_date, created_at, updated_at) values (?, 'job_start', '2026-03-05', ?, ?)`,
    )
    .run(id, now, now).lastInsertRowid;
  // A spell of funded support and an officer's attribution of the job start.
  const stream = s
    .prepare(`insert into funding_streams (code, name, funder) values ('CAN-FUND', 'Canary fund', 'Canary funder')`)
    .run().lastInsertRowid;
  s.prepare(
    `insert into funding_spells (participant_id, funding_stream_id, starts_on, note, created_at, updated_at) values (?, ?, '2026-01-05', ` +
      `'Moved from core funding', ?, ?)`,
  ).run(id, stream, now, now);
  s.prepare(
    `insert into funding_attributions (participant_id, item_kind, item_id, funding_stream_id, reason, set_at) values (?, 'outcome', ?, ?, ` +
      `'The job came through the Canary fund', ?)`,
  ).run(id, start, stream, now);
  s.prepare(
    `insert into sustainment_checks (start_outcome_id, participant_id, weeks, sustained, checked_on, created_at) values (?, ?, 13, 1, '2026-06-10', ?)`,
  ).run(start, id, now);
  const employer = s
    .prepare(`insert into organisations (name, kind, created_at, updated_at) values ('Canary Build', 'employer', ?, ?)`)
    .run(now, now).lastInsertRowid;
  const vacancy = s
    .prepare(
      `insert into vacancies (employer_org_id, job_title, kind, places, created_at, updated_at) values (?, 'Labourer', 'job', 1, ?, ?)`,
    )
    .run(employer, now, now).lastInsertRowid;
  s.prepare(
    `insert into vacancy_candidates (vacancy_id, participant_id, stage, submitted_on, created_at, updated_at) values (?, ?, 'submitted', ` +
      `'2026-02-20', ?, ?)`,
  ).run(vacancy, id, now, now);
  const event = s
    .prepare(
      `insert into events (kind, title, held_on, created_at, updated_at) values ('careers_fair', 'Canary fair', '2026-02-01', ?, ?)`,
    )
    .run(now, now).lastInsertRowid;
  s.prepare(`insert into event_attendees (event_id, participant_id, created_at) values (?, ?, ?)`).run(event, id, now);
  const batch = s
    .prepare(
      `insert into import_batches (kind, partner, file_name, file_sha256, sheet, profile_json, rows_in_file, created_count, updated_count,
        unchanged_count, rejected_count, error_count, at)
    values ('participants', 'NHC', 'p.xlsx', 'ff', 'Sheet1', '{}', 1, 0, 1, 0, 0, 0, ?)`,
    )
    .run(now).lastInsertRowid;
  s.prepare(
    `insert into import_batch_rows (batch_id, row_number, action, entity, entity_id, participant_id, before_json, after_json) values (?, 2, ` +
      `'updated', 'participant', ?, ?, '{"phone":null}', '{"phone":"07700 900555"}')`,
  ).run(batch, id, id);
  const set = s.prepare(`select v.set_id, v.id from indicator_set_versions v order by v.id limit 1`).get() as {
    set_id: number;
    id: number;
  };
  const ret = s
    .prepare(
      `insert into returns (set_id, set_version_id, period_from, period_to, period_label, status, totals_json, submitted_at) values (?, ?, ` +
        `'2026-01-01', '2026-03-31', 'Q1', 'submitted', '{}', ?)`,
    )
    .run(set.set_id, set.id, now).lastInsertRowid;
  s.prepare(
    `insert into return_lines (return_id, set_id, indicator_code, person_id, participant_id, item_kind, item_id) values (?, ?, 'X1', ?, ?, 'participant', ?)`,
  ).run(ret, set.set_id, id, id, id);
  // A second record of the same person, merged into this one: its rows move, its audit entries stay its own.
  const other = await aParticipant(t.backend.store.db, {
    first_name: 'X.',
    last_name: 'Canary',
    reference: 'SW-CAN002',
  });
  const stranger = await aParticipant(t.backend.store.db, { first_name: 'Zoe' });
  await t.ok('participants.markNotDuplicate', { a: other, b: stranger });
  const me = await t.ok('participants.get', { id });
  await t.ok('participants.merge', { survivorId: id, mergedId: other, survivorVersion: me.version, mergedVersion: 1 });
}

describe('subject access', () => {
  // SQLite only: seeds one row in every table through the SQLite handle (to be ported to Kysely for the PostgreSQL run).
  it.skipIf(isPostgresRun)(
    'one action exports every area, the evidence files and the audit entries, and is audited',
    async () => {
      const t = await createTestBackend();
      opened.push(t);
      const { id, evidenceId } = await personWithEverything(t);
      await everyOtherArea(t, id, evidenceId);
      const found = await t.ok('sar.find', { reference: 'sw-can001' });
      expect(found.name).toBe(CANARY_NAME);
      expect(found.areas.find((a) => a.area === 'outcomes')?.rows).toBe(2);
      expect(found.areas.find((a) => a.area === 'participants')?.rows).toBe(2); // the record and the one merged into it
      // Every table that can hold data about a person is in the bundle, with this person's row in it:
      // those with a participant_id column or a reference to participants, and those hanging off them.
      const s = t.backend.store.sqlite;
      const tables = (
        s.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as Array<{
          name: string;
        }>
      ).map((r) => r.name);
      const columns = (table: string) =>
        (s.prepare('select name from pragma_table_info(?)').all(table) as Array<{ name: string }>).map((c) => c.name);
      const refersTo = (table: string) =>
        (
          s.prepare('select "table" as target from pragma_foreign_key_list(?)').all(table) as Array<{ target: string }>
        ).map((f) => f.target);
      const direct = tables.filter(
        (n) => n !== 'audit_keys' && (columns(n).includes('participant_id') || refersTo(n).includes('participants')),
      );
      const hanging = tables.filter(
        (n) =>
          !direct.includes(n) &&
          n !== 'audit_keys' &&
          refersTo(n).some((target) => ['enrolments', 'evidence_items'].includes(target)),
      );
      const held = [...new Set(['participants', ...direct, ...hanging, 'evidence_files'])].sort();
      expect(held).toEqual(
        expect.arrayContaining([
          'attendance',
          'evidence_files',
          'import_batch_rows',
          'not_duplicate_pairs',
          'participant_merges',
          'return_lines',
          'sustainment_checks',
        ]),
      );
      const counts = new Map(found.areas.map((a) => [a.area, a.rows]));
      expect(
        held.filter((n) => !(Number(counts.get(n) ?? 0) > 0)),
        'areas missing from the bundle',
      ).toEqual([]);

      const file = await t.exported('sar.export', { reference: 'SW-CAN001', reason: 'SAR 2026/14' });
      expect(file.fileName).toMatch(/^subject-access-SW-CAN001-.*\.zip$/);
      const zip = unzipSync(file.bytes);
      expect(Object.keys(zip).sort()).toEqual(['README.txt', 'data.xlsx', 'files/evidence_files-1-payslip.pdf'].sort());
      expect(strFromU8(zip['files/evidence_files-1-payslip.pdf']!)).toBe('%PDF-1.4\n');
      expect(strFromU8(zip['README.txt']!)).toMatch(/SW-CAN001[\s\S]*outcomes +2/);
      const xlsx = path.join(t.dir, 'sar.xlsx');
      fs.writeFileSync(xlsx, zip['data.xlsx']!);
      const script =
        `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nfor ws in wb.worksheets:\n  print('#'+ws.title)\n  for r in ` +
        `ws.iter_rows(values_only=True): print('|'.join('' if v is None else str(v) for v in r))`;
      const text = execFileSync('/usr/bin/python3', ['-c', script, xlsx], { encoding: 'utf8' });
      for (const sheet of [
        '#Participants',
        '#Outcomes',
        '#Evidence items',
        '#Participant notes',
        '#Audit log',
        '#Evidence files',
        '#Attendance',
        '#Sustainment checks',
        '#Participant merges',
      ])
        expect(text).toContain(sheet);
      expect(text).toContain(CANARY_NI);
      expect(text).toContain('Xanthippe Canarywhistle created');
      expect(text).toContain('Merged into SW-CAN001'); // the merged record's own audit entry, opened with its key
      expect(text).not.toContain('enc1:');
      expect(text).toContain('files/evidence_files-1-payslip.pdf');
      const audit = await t.ok('audit.page', { auditFilter: { entity: 'subject-access' } });
      expect(audit.rows[0]!.summary).toMatch(/Subject access bundle exported .*SAR 2026\/14/);
      const missing = await t.call('sar.export', { reference: 'SW-NOPE' });
      expect(missing.ok ? [] : missing.error.fields?.map((f) => f.path[0])).toEqual(['reference']);
    },
  );
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
    await t.exported('audit.export', {});
    await t.exported('sar.export', { reference: 'SW-CAN001' });
    await t.ok('backup.create', {});
    await t.call('sar.export', { reference: CANARY_NAME }); // a failure, logged
    await t.call('participants.page', { search: CANARY_NI, limit: -1 }); // a validation error
    const files = [
      t.file,
      `${t.file}-wal`,
      `${t.file}.lock`,
      `${t.file}.keys`,
      `${t.file}.audit-head`,
      ...fs.readdirSync(t.backend.services.backupDir).map((f) => path.join(t.backend.services.backupDir, f)),
    ];
    expect(fs.existsSync(`${t.file}-wal`)).toBe(true);
    // Nothing new in the data folder but the store, its lock (who holds it), its key envelope, the
    // audit log's recorded head, its backups and the export jobs' folder, empty (each file is
    // removed once collected); nothing new in the temp folder.
    expect(fs.readdirSync(path.join(t.dir, 'exports'))).toEqual([]);
    expect(fs.readdirSync(t.dir).sort()).toEqual([
      'backups',
      'exports',
      'worksbook.sqlite',
      'worksbook.sqlite-shm',
      'worksbook.sqlite-wal',
      'worksbook.sqlite.audit-head',
      'worksbook.sqlite.keys',
      'worksbook.sqlite.lock',
    ]);
    const newTemp = fs.readdirSync(os.tmpdir()).filter((f) => !tmpBefore.has(f) && path.join(os.tmpdir(), f) !== t.dir);
    for (const f of newTemp) files.push(...listFiles(path.join(os.tmpdir(), f)));
    expect(logs.length).toBeGreaterThan(5);
    const haystacks: Array<[string, Buffer]> = [
      ...files.filter((f) => fs.existsSync(f)).map((f) => [f, fs.readFileSync(f)] as [string, Buffer]),
      ['logs', Buffer.from(logs.join('\n'))],
    ];
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
