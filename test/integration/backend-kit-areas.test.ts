// The areas on the backend kit: a merge tells every screen whose data it moved; each bulk write
// leaves a checked backup taken before it wrote; a wrong password is still counted although the
// request fails; and every write channel of these areas, called once, passes the dispatcher's
// audit check (a write that changed rows without an audit row would come back as an internal
// error and be undone).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { createTestBackend, TEST_NOW, type TestBackend } from '../support/backend';
import { isPostgresRun } from '../support/test-store';
import { aParticipant } from '../support/builders';
import { contract, type ChannelName } from '../../shared/contract/index';
import { outcomesContract } from '../../shared/contract/outcomes.contract';
import type { ParticipantRecordInput } from '../../shared/domain/participant-record';
import { LOCKOUT_ATTEMPTS } from '../../shared/domain/password-rules';
import type { BackendEvent } from '../../shared/events';
import { listBackupFiles, type BackupFileInfo } from '../../db/store/sqlite/backup-file';
import { integrityCheck } from '../../db/store/sqlite/pragmas';
import { setLogSink } from '../../db/backend/log';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { commit, openFile, preview, referralsProfile, waitJob } from './imports-support';
import { GEOGRAPHY_FIXTURES, fixtureFiles, uploadGeography } from '../support/geography';

setLogSink(() => {});
let t: TestBackend;
afterEach(async () => t?.close());

const person = (over: Partial<ParticipantRecordInput> = {}): ParticipantRecordInput => ({
  firstName: 'Amira',
  lastName: 'Khan',
  dateOfBirth: '14/02/1998',
  niStatus: 'known',
  niNumber: 'JK 12 34 56 C',
  postcode: 'sg1 1aa',
  phone: '07700 900123',
  ethnicity: 'asian_pakistani',
  healthCondition: 'no',
  genderSameAsBirth: 'yes',
  barriers: ['esol'],
  startDate: '10/01/2026',
  referralSource: 'jcp',
  referralDate: '5/1/2026',
  ...over,
});

/** Whether a screen that reloads on `areas` reloads for this event (renderer/api/use-channel.ts). */
const refreshes = (event: BackendEvent, areas: string[]) =>
  event.type === 'data-changed' && event.areas.some((a) => a === '*' || areas.includes(a));

describe('a merge', () => {
  it('emits one data-changed after the commit naming participants, courses, outcomes and returns', async () => {
    t = await createTestBackend();
    const a = await t.ok('participants.create', { record: person() });
    const b = await t.ok('participants.create', {
      record: person({ niNumber: 'JK 65 43 21 A', phone: '07700 900456' }),
      duplicatesReviewed: true,
    });
    const { id: courseTypeId } = (await t.ok('courses.lookups', {})).courseTypes[0]!;
    const { id: runId } = await t.ok('courses.runs.create', {
      courseTypeId,
      startDate: '2026-11-02',
      endDate: '2026-11-06',
      capacity: 5,
    });
    await t.ok('courses.enrol', { runId, participantIds: [b.id], overrideReason: 'Kit test' });

    const events: Array<{ event: BackendEvent; inTransaction: boolean }> = [];
    // On a team database there is no SQLite handle to ask; the dispatcher that emits after the
    // commit is the same code, which the SQLite run checks.
    const inTransaction = () => (isPostgresRun ? false : t.backend.store.sqlite.inTransaction);
    t.backend.onEvent((event) => events.push({ event, inTransaction: inTransaction() }));
    const detail = (id: number) => t.ok('participants.get', { id });
    const [da, db] = [await detail(a.id), await detail(b.id)];
    events.length = 0;
    await t.ok('participants.merge', {
      survivorId: a.id,
      mergedId: b.id,
      survivorVersion: da.version,
      mergedVersion: db.version,
      take: {},
    });
    const changed = events.filter((e) => e.event.type === 'data-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.inTransaction).toBe(false); // after the commit, never before
    const event = changed[0]!.event;
    expect(event).toEqual({ type: 'data-changed', areas: ['participants', 'courses', 'outcomes', 'returns'] });
    // The screens that show the moved enrolment and outcomes reload.
    expect(refreshes(event, ['courses'])).toBe(true); // a course run's enrolments tab
    expect(refreshes(event, ['outcomes'])).toBe(true); // the outcomes screens
    expect(refreshes(event, ['returns', 'participants', 'courses', 'outcomes'])).toBe(true); // return builder
    const enrolments = await t.ok('courses.enrolments.list', { runId });
    expect(enrolments.map((e) => e.participantId)).toEqual([a.id]);
  });
});

describe('bulk writes', () => {
  /** Runs `write` and returns the one backup it left, failing unless exactly one appeared. */
  async function newBackup(write: () => Promise<unknown>): Promise<BackupFileInfo> {
    const before = new Set(listBackupFiles(t.backend.services.backupDir).map((b) => b.name));
    await write();
    const added = listBackupFiles(t.backend.services.backupDir).filter((b) => !before.has(b.name));
    expect(added).toHaveLength(1);
    return added[0]!;
  }

  /** Reads the backup (it shares the store's key: none in tests) and checks it is whole. */
  function inBackup<T>(backup: BackupFileInfo, read: (db: SqliteDatabase.Database) => T): T {
    const db = new SqliteDatabase(backup.file, { readonly: true, fileMustExist: true });
    try {
      expect(integrityCheck(db)).toEqual([]);
      return read(db);
    } finally {
      db.close();
    }
  }
  const count = (table: string) => (db: SqliteDatabase.Database) =>
    Number((db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);

  // SQLite only: backups before bulk writes are a SQLite store's own; a team database's backups are the server's (beforeBulkWrites: false).
  it.skipIf(isPostgresRun)(
    'an import commit and its undo each take a checked backup of the data before they wrote',
    async () => {
      t = await createTestBackend();
      const upload = await openFile(t, 'people.xlsx', await referralsWorkbook(people(20, 5)));
      const { previewId } = await preview(t, upload, referralsProfile);
      let batchId = 0;
      const pre = await newBackup(async () => ({ batchId } = await commit(t, previewId)));
      expect(pre.reason).toBe('pre-import');
      expect(inBackup(pre, count('participants'))).toBe(0);
      expect(inBackup(pre, count('import_batches'))).toBe(0);

      const undo = await newBackup(() => t.ok('imports.undo', { batchId }));
      expect(undo.reason).toBe('pre-bulk');
      expect(inBackup(undo, count('participants'))).toBe(20);
      expect(inBackup(undo, (db) => db.prepare('select undone_at from import_batches').get())).toEqual({
        undone_at: null,
      });
    },
  );

  // SQLite only: backups before bulk writes are a SQLite store's own; a team database's backups are the server's (beforeBulkWrites: false).
  it.skipIf(isPostgresRun)('accepting a partner’s values takes a backup holding ours', async () => {
    t = await createTestBackend();
    const rows = people(6, 8);
    await commit(
      t,
      (await preview(t, await openFile(t, 'p.xlsx', await referralsWorkbook(rows)), referralsProfile)).previewId,
    );
    const theirs = rows.map((r, i) => (i === 1 ? { ...r, postcode: 'SG5 5ZZ' } : r));
    const upload = await openFile(t, 'theirs.xlsx', await referralsWorkbook(theirs));
    const { jobId } = await t.ok('imports.reconcile', {
      uploadId: upload.uploadId,
      sheet: 'Referrals',
      profile: referralsProfile as never,
    });
    const { reconcileId } = await waitJob<{ reconcileId: string }>(t, jobId);
    const differ = (await t.ok('imports.reconcilePage', { reconcileId, status: 'differ', query: {} })).rows[0]!;
    const backup = await newBackup(() =>
      t.ok('imports.reconcileAccept', { reconcileId, items: [{ id: differ.id, fields: ['postcode'] }] }),
    );
    expect(backup.reason).toBe('pre-import');
    const ours = inBackup(backup, (db) =>
      db.prepare("select count(*) as n from participants where postcode = 'SG5 5ZZ'").get(),
    );
    expect(ours).toEqual({ n: 0 });
  });

  // SQLite only: backups before bulk writes are a SQLite store's own; a team database's backups are the server's (beforeBulkWrites: false).
  it.skipIf(isPostgresRun)('setting the programme area and the site-ready rule each take a backup first', async () => {
    t = await createTestBackend();
    await aParticipant(t.backend.store.db);
    const districts = await newBackup(() => t.ok('participants.setDistricts', { districts: ['SG1', 'SG7'] }));
    expect(districts.reason).toBe('pre-bulk');
    const held = inBackup(districts, (db) =>
      db.prepare("select value_json from settings where key like 'eligibility%'").get(),
    ) as { value_json: string } | undefined;
    expect(held?.value_json ?? '').not.toContain('SG7');

    const rule = {
      requireCard: true,
      acceptedCardTypes: [],
      requireHsePass: false,
      requireL1Award: true,
      requirePpe: true,
      ppeValidMonths: null,
      requireSignoff: true,
      signoffValidMonths: null,
    };
    const siteReady = await newBackup(() => t.ok('courses.siteReady.setRule', rule));
    expect(siteReady.reason).toBe('pre-bulk');
    expect(
      inBackup(siteReady, (db) =>
        db.prepare("select value_json from settings where key = 'courses.siteReadyRule'").get(),
      ),
    ).toBeUndefined();
  });

  // SQLite only: backups before bulk writes are a SQLite store's own; a team database's backups are the server's (beforeBulkWrites: false).
  it.skipIf(isPostgresRun)('anonymising takes a backup in which the person is still there, and names it', async () => {
    t = await createTestBackend();
    const db = t.backend.store.db;
    const stream = await db
      .insertInto('funding_streams')
      .values({ code: 'OLD', name: 'Old stream', funder: 'DWP', retain_until: '2020-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await aParticipant(db, {
      last_name: 'Quillfeather',
      status: 'left',
      leave_date: '2019-01-01',
      funding_stream_id: stream.id,
    });
    let result = { anonymised: 0, backup: '' };
    const backup = await newBackup(
      async () => (result = await t.ok('retention.anonymise', { ids: [id], confirm: true })),
    );
    expect(backup.reason).toBe('pre-anonymise');
    expect(result).toEqual({ anonymised: 1, backup: backup.name });
    expect(inBackup(backup, (d) => d.prepare('select last_name from participants where id = ?').get(id))).toEqual({
      last_name: 'Quillfeather',
    });
  });
});

describe('signing in', () => {
  it('counts a wrong password although the request fails, and locks the profile after too many', async () => {
    t = await createTestBackend();
    const staff = await t.ok('staff.create', {
      displayName: 'Pat Locksmith',
      role: 'officer',
      password: 'correct horse 42',
    });
    const attempts = async () =>
      (
        await t.backend.store.db
          .selectFrom('staff')
          .select('failed_attempts')
          .where('id', '=', staff.id)
          .executeTakeFirstOrThrow()
      ).failed_attempts;
    const wrong = await t.backend.call('other-window', 'session.start', { staffId: staff.id, password: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect(await attempts()).toBe(1);
    const failures = await t.backend.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'sign-in-failed')
      .execute();
    expect(failures).toHaveLength(1);
    for (let i = 1; i < LOCKOUT_ATTEMPTS; i++)
      await t.backend.call('other-window', 'session.start', { staffId: staff.id, password: 'wrong' });
    const locked = await t.backend.call('other-window', 'session.start', {
      staffId: staff.id,
      password: 'correct horse 42',
    });
    expect(locked.ok ? '' : locked.error.message).toMatch(/locked/);
    const row = await t.backend.store.db
      .selectFrom('staff')
      .select('locked_until')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until! > TEST_NOW).toBe(true);
  });
});

// ---- every write channel, once ----

interface State {
  [key: string]: number | string;
}
type Step = [
  ChannelName,
  (s: State) => Promise<unknown> | unknown,
  options?: {
    client?: string;
    after?: (value: unknown, s: State) => void;
    /** Refused on the kit's store, which has no key envelope (the channel's own test has one). */
    refusedWithoutEnvelope?: true;
    /** Refused on the kit's store, a data file or a team database whose server roles are not set
     * up (team-scopes-app.test.ts sets them up and calls it). */
    refusedWithoutRoles?: true;
    /** Refused on a data file (a team database's own feature); passes on a team database. */
    refusedOnDataFile?: true;
  },
];

/** The write channels of the areas on the kit here (the outcomes area is tested on its own). */
const writeChannels = (Object.keys(contract) as ChannelName[]).filter(
  (name) => !(name in outcomesContract) && contract[name].effect.kind !== 'read',
);

function steps(): Step[] {
  const kitPeople = people(5, 21);
  const id = (s: State, key: string) => Number(s[key]);
  return [
    [
      'demo.load',
      () => ({ participants: 40, seed: 11 }),
      { after: (v, s) => (s.demoJob = (v as { jobId: string }).jobId) },
    ],
    // People
    ['participants.create', () => ({ record: person() }), { after: (v, s) => (s.p1 = (v as { id: number }).id) }],
    ['participants.get', (s) => ({ id: id(s, 'p1') })],
    ['participants.update', (s) => ({ id: id(s, 'p1'), version: 1, record: person({ phone: '07700 900999' }) })],
    ['participants.addNote', (s) => ({ id: id(s, 'p1'), body: 'Called about the course' })],
    ['participants.addReferral', (s) => ({ participantId: id(s, 'p1'), referralDate: '2026-09-01' })],
    [
      'participants.recordEligibilityCheck',
      (s) => ({
        id: id(s, 'p1'),
        checkCode: 'right_to_work',
        outcome: 'met',
        evidenceType: 'uk_irish_passport',
        seenOn: '2026-01-10',
      }),
    ],
    [
      'participants.markNotDuplicate',
      async (s) => {
        s.p2 = (
          await t.ok('participants.create', { record: person({ niNumber: 'JK 65 43 21 A' }), duplicatesReviewed: true })
        ).id;
        return { a: id(s, 'p1'), b: id(s, 'p2') };
      },
    ],
    ['participants.mergePreview', (s) => ({ a: id(s, 'p1'), b: id(s, 'p2') })],
    [
      'participants.merge',
      async (s) => ({
        survivorId: id(s, 'p1'),
        mergedId: id(s, 'p2'),
        survivorVersion: (await t.ok('participants.get', { id: id(s, 'p1') })).version,
        mergedVersion: (await t.ok('participants.get', { id: id(s, 'p2') })).version,
        take: {},
      }),
      { after: (v, s) => (s.mergeId = (v as { mergeId: number }).mergeId) },
    ],
    ['participants.unmerge', (s) => ({ mergeId: id(s, 'mergeId') })],
    // Every export is a job: its audit entry is written once the file is complete (awaited below).
    ['participants.export', () => ({ purpose: 'Kit export of every column' })],
    ['participants.showSpecialColumns', () => ({ columns: ['ethnicity'], purpose: 'Kit check of equality data' })],
    ['participants.setDistricts', () => ({ districts: ['SG1', 'SG2', 'SG7'] })],
    [
      'views.save',
      () => ({ grid: 'participants', name: 'Kit view', shared: false, state: {} }),
      { after: (v, s) => (s.view = (v as { id: number }).id) },
    ],
    ['views.delete', (s) => ({ id: id(s, 'view') })],
    ['reference.saveItem', () => ({ list: 'barrier', label: 'Kit barrier' })],
    ['reference.setActive', () => ({ list: 'barrier', code: 'kit_barrier', isActive: false })],
    // Vacancies
    [
      'vacancies.save',
      async (s) => {
        s.org = (await t.ok('organisations.save', { name: 'Kit Build', kind: 'employer' })).id;
        return { employerOrgId: id(s, 'org'), jobTitle: 'Kit labourer', kind: 'job', places: 2 };
      },
      { after: (v, s) => (s.vacancy = (v as { id: number }).id) },
    ],
    [
      'candidates.shortlist',
      (s) => ({
        vacancyId: id(s, 'vacancy'),
        participantIds: [id(s, 'p1')],
        submittedOn: '2026-11-02',
        overrideReason: 'Kit test',
      }),
      { after: (v, s) => (s.candidate = (v as { candidateIds: number[] }).candidateIds[0]!) },
    ],
    ['candidates.move', (s) => ({ id: id(s, 'candidate'), to: 'started', on: '2026-11-16' })],
    [
      'candidates.remove',
      async (s) => {
        const { candidateIds } = await t.ok('candidates.shortlist', {
          vacancyId: id(s, 'vacancy'),
          participantIds: [id(s, 'p2')],
          submittedOn: '2026-11-02',
          overrideReason: 'Kit test',
        });
        return { id: candidateIds[0]!, reason: 'Kit test' };
      },
    ],
    [
      'engagements.save',
      (s) => ({ organisationId: id(s, 'org'), kind: 'meeting', occurredOn: '2026-10-01', summary: 'Kit meeting' }),
      { after: (v, s) => (s.engagement = (v as { id: number }).id) },
    ],
    ['engagements.remove', (s) => ({ id: id(s, 'engagement'), reason: 'Kit test' })],
    ['keyworker.savePlanItem', (s) => ({ participantId: id(s, 'p1'), kind: 'goal', text: 'Kit goal' })],
    ['keyworker.addContact', (s) => ({ participantId: id(s, 'p1'), contactOn: '2026-11-02', method: 'phone' })],
    // Events
    [
      'events.save',
      () => ({ kind: 'careers_fair', title: 'Kit fair', heldOn: '2026-11-02' }),
      { after: (v, s) => (s.event = (v as { id: number }).id) },
    ],
    [
      'events.saveHeadcounts',
      (s) => ({ eventId: id(s, 'event'), rows: [{ ageGroup: 'age_11_15', school: 'Kit School', headcount: 12 }] }),
    ],
    ['events.addAttendee', (s) => ({ eventId: id(s, 'event'), participantId: id(s, 'p1') })],
    ['events.removeAttendee', (s) => ({ eventId: id(s, 'event'), participantId: id(s, 'p1') })],
    ['vacancies.export', () => ({})],
    ['candidates.export', () => ({})],
    // Courses
    [
      'courses.types.save',
      () => ({ code: 'kit_course', name: 'Kit course' }),
      { after: (v, s) => (s.type = (v as { id: number }).id) },
    ],
    [
      'courses.runs.create',
      (s) => ({ courseTypeId: id(s, 'type'), startDate: '2026-11-02', endDate: '2026-11-04', capacity: 1 }),
      { after: (v, s) => (s.run = (v as { id: number }).id) },
    ],
    [
      'courses.runs.update',
      (s) => ({
        id: id(s, 'run'),
        courseTypeId: id(s, 'type'),
        startDate: '2026-11-02',
        endDate: '2026-11-04',
        capacity: 1,
        venue: 'Kit hall',
      }),
    ],
    [
      'courses.runs.complete',
      async (s) => {
        // A run of its own, with nobody waiting for a result, so it can be completed.
        const run = await t.ok('courses.runs.create', {
          courseTypeId: id(s, 'type'),
          startDate: '2026-10-05',
          endDate: '2026-10-06',
          capacity: 4,
        });
        return { id: run.id };
      },
    ],
    [
      'courses.sessions.save',
      async (s) => ({
        runId: id(s, 'run'),
        sessions: (await t.ok('courses.runs.get', { id: id(s, 'run') })).sessions.map((x) => ({
          id: x.id,
          sessionDate: x.sessionDate,
          startsAt: '09:00',
          endsAt: '15:00',
          label: x.label,
        })),
      }),
    ],
    [
      'courses.enrol',
      async (s) => {
        const ids = (
          await t.backend.store.db
            .selectFrom('participants')
            .select('id')
            .where('status', '=', 'active')
            .limit(3)
            .execute()
        ).map((r) => r.id);
        [s.e1p, s.e2p, s.e3p] = ids as [number, number, number];
        return { runId: id(s, 'run'), participantIds: ids, overrideReason: 'Kit test' };
      },
    ],
    [
      'courses.withdraw',
      async (s) => {
        const list = await t.ok('courses.enrolments.list', { runId: id(s, 'run') });
        const enrolled = list.find((e) => e.status === 'enrolled')!;
        return {
          enrolmentId: enrolled.enrolmentId,
          version: enrolled.version,
          reason: 'Moved away',
          withdrawnOn: '2026-11-01',
        };
      },
    ],
    [
      'courses.promote',
      async (s) => {
        // A free place beside someone waiting (the dispatcher fills places itself otherwise).
        await t.backend.store.db
          .updateTable('course_runs')
          .set({ capacity: 3 })
          .where('id', '=', id(s, 'run'))
          .execute();
        const list = await t.ok('courses.enrolments.list', { runId: id(s, 'run') });
        return { enrolmentId: list.find((e) => e.status === 'waiting')!.enrolmentId };
      },
    ],
    [
      'courses.register.save',
      async (s) => {
        const run = await t.ok('courses.runs.get', { id: id(s, 'run') });
        const reg = await t.ok('courses.register.get', { sessionId: run.sessions[0]!.id });
        return {
          sessionId: run.sessions[0]!.id,
          marks: reg.rows.map((r) => ({ enrolmentId: r.enrolmentId, mark: 'present' as const })),
        };
      },
    ],
    [
      'courses.register.signInSheet',
      async (s) => ({ sessionId: (await t.ok('courses.runs.get', { id: id(s, 'run') })).sessions[0]!.id }),
    ],
    [
      'courses.results.record',
      async (s) => {
        const list = await t.ok('courses.enrolments.list', { runId: id(s, 'run') });
        const e = list.find((x) => x.status === 'enrolled')!;
        s.resultEnrolment = e.enrolmentId;
        return {
          runId: id(s, 'run'),
          kind: 'hse',
          date: '2026-11-03',
          entries: [{ enrolmentId: e.enrolmentId, score: 47 }],
        };
      },
    ],
    [
      'courses.results.remove',
      async () => {
        const row = await t.backend.store.db
          .selectFrom('hse_tests')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        return { kind: 'hse', id: row.id, reason: 'Recorded against the wrong person' };
      },
    ],
    ['courses.siteReady.signOff', () => ({ signedOn: '2026-11-20' })],
    [
      'courses.siteReady.setRule',
      () => ({
        requireCard: true,
        acceptedCardTypes: [],
        requireHsePass: true,
        requireL1Award: false,
        requirePpe: false,
        ppeValidMonths: null,
        requireSignoff: false,
        signoffValidMonths: null,
      }),
    ],
    ['courses.siteReady.export', () => ({ preset: 'all', purpose: 'Kit test' })],
    ['courses.expiry.export', () => ({ withinDays: 90 })],
    // Returns
    [
      'returns.saveSetVersion',
      async (s) => {
        const set = (await t.ok('returns.sets', {}))[0]!;
        s.set = set.id;
        const detail = await t.ok('returns.setDetail', { setId: set.id });
        return {
          setId: set.id,
          basedOnVersionId: detail.versionId,
          note: 'Kit test version',
          indicators: detail.indicators.map(({ sentence: _s, ...i }) => i),
        };
      },
    ],
    [
      'returns.saveFunder',
      async () => {
        const f = (await t.ok('returns.funders', {}))[0]!;
        return { id: f.id, name: f.name, notes: 'Kit test', personalColumns: f.personalColumns };
      },
    ],
    ['returns.export', (s) => ({ setId: id(s, 'set'), from: '2025-04-01', to: '2026-03-31', purpose: 'Kit test' })],
    [
      'returns.export',
      (s) => ({ setId: id(s, 'set'), from: '2025-04-01', to: '2026-03-31', purpose: 'Kit test', part: 'evidence' }),
    ],
    [
      'returns.submit',
      (s) => ({ setId: id(s, 'set'), from: '2025-04-01', to: '2026-03-31', note: 'Kit test' }),
      { after: (v, s) => (s.returnId = (v as { returnId: number }).returnId) },
    ],
    ['returns.dashboard.export', () => ({ from: '2025-04-01', to: '2026-03-31' })],
    // Funding: a funder with an agreement, a stream and a project; a spell and an attribution; a set and a target
    [
      'funding.createFunder',
      () => ({ code: 'KIT-F', name: 'Kit funder', notes: null }),
      { after: (v, s) => (s.funder = (v as { id: number }).id) },
    ],
    [
      'funding.saveAgreement',
      (s) => ({
        id: null,
        funderId: id(s, 'funder'),
        name: 'Kit agreement',
        startsOn: '2025-04-01',
        endsOn: '2027-03-31',
        closureOn: null,
        notes: null,
      }),
      { after: (v, s) => (s.agreement = (v as { id: number }).id) },
    ],
    [
      'funding.saveStream',
      (s) => ({
        id: null,
        code: 'KIT-S',
        name: 'Kit stream',
        funderId: id(s, 'funder'),
        startsOn: null,
        endsOn: null,
        isActive: true,
      }),
      { after: (v, s) => (s.fundingStream = (v as { id: number }).id) },
    ],
    [
      'funding.saveProject',
      (s) => ({
        id: null,
        code: 'KIT-P',
        name: 'Kit project',
        streamId: id(s, 'fundingStream'),
        interventionCode: null,
        isActive: true,
      }),
      { after: (v, s) => (s.project = (v as { id: number }).id) },
    ],
    [
      'funding.saveSpell',
      (s) => ({
        id: null,
        participantId: id(s, 'p1'),
        streamId: id(s, 'fundingStream'),
        projectId: id(s, 'project'),
        startsOn: '2026-01-10',
        endsOn: null,
        note: null,
      }),
      { after: (v, s) => (s.spell = (v as { id: number }).id) },
    ],
    [
      'funding.attribute',
      async (s) => {
        const enrolment = await t.backend.store.db
          .selectFrom('enrolments')
          .select('id')
          .where('course_run_id', '=', id(s, 'run'))
          .orderBy('id')
          .executeTakeFirstOrThrow();
        return {
          kind: 'enrolment',
          itemId: enrolment.id,
          streamId: id(s, 'fundingStream'),
          projectId: id(s, 'project'),
          reason: 'Paid for by the kit stream',
        };
      },
    ],
    ['funding.deleteSpell', (s) => ({ id: id(s, 'spell'), reason: 'Recorded in error' })],
    [
      'returns.createSet',
      (s) => ({
        funderId: id(s, 'funder'),
        agreementId: id(s, 'agreement'),
        code: 'KIT-SET',
        name: 'Kit indicator set',
        description: null,
        copyFromSetId: null,
      }),
      { after: (v, s) => (s.kitSet = (v as { setId: number }).setId) },
    ],
    [
      'returns.saveSet',
      (s) => ({
        setId: id(s, 'kitSet'),
        name: 'Kit indicator set, renamed',
        description: 'Kit test',
        agreementId: id(s, 'agreement'),
      }),
    ],
    [
      'returns.saveTargets',
      async (s) => ({
        setId: id(s, 'kitSet'),
        indicatorCode: (await t.ok('returns.setDetail', { setId: id(s, 'kitSet') })).indicators[0]!.code,
        target: 12,
        profileKind: null,
        profile: [],
      }),
    ],
    // Imports
    [
      'imports.open',
      async () => ({ file: { fileName: 'kit.xlsx', bytes: await referralsWorkbook(kitPeople) } }),
      { after: (v, s) => (s.openJob = (v as { jobId: string }).jobId) },
    ],
    [
      'imports.saveProfile',
      () => ({ profile: { ...referralsProfile, name: 'Kit profile' } }),
      { after: (v, s) => (s.profile = (v as { id: number }).id) },
    ],
    ['imports.deleteProfile', (s) => ({ id: id(s, 'profile') })],
    [
      'imports.preview',
      async (s) => {
        const upload = await waitJob<{ uploadId: string; sheets: Array<{ name: string }> }>(t, String(s.openJob));
        return { uploadId: upload.uploadId, sheet: upload.sheets[0]!.name, profile: referralsProfile };
      },
      { after: (v, s) => (s.previewJob = (v as { jobId: string }).jobId) },
    ],
    [
      'imports.commit',
      async (s) => ({ previewId: (await waitJob<{ previewId: string }>(t, String(s.previewJob))).previewId }),
      { after: (v, s) => (s.commitJob = (v as { jobId: string }).jobId) },
    ],
    [
      'imports.reconcile',
      async (s) => {
        s.batch = (await waitJob<{ batchId: number }>(t, String(s.commitJob))).batchId;
        // The partner's copy: one postcode differs from ours.
        const theirs = kitPeople.map((r, i) => (i === 0 ? { ...r, postcode: 'SG5 5ZZ' } : r));
        const upload = await openFile(t, 'theirs.xlsx', await referralsWorkbook(theirs));
        return { uploadId: upload.uploadId, sheet: upload.sheets[0]!.name, profile: referralsProfile };
      },
      { after: (v, s) => (s.reconcileJob = (v as { jobId: string }).jobId) },
    ],
    [
      'imports.reconcileAccept',
      async (s) => {
        s.reconcile = (await waitJob<{ reconcileId: string }>(t, String(s.reconcileJob))).reconcileId;
        const page = await t.ok('imports.reconcilePage', {
          reconcileId: String(s.reconcile),
          status: 'differ',
          query: {},
        });
        return { reconcileId: String(s.reconcile), items: [{ id: page.rows[0]!.id, fields: ['postcode'] }] };
      },
    ],
    ['imports.reconcile.export', (s) => ({ reconcileId: String(s.reconcile) })],
    ['imports.undo', (s) => ({ batchId: id(s, 'batch') })],
    // Geography: a synthetic postcode directory, the local area, everyone worked out again
    [
      'geography.load',
      async () => ({
        uploadId: await uploadGeography(
          t,
          fixtureFiles.nspl,
          fs.readFileSync(path.join(GEOGRAPHY_FIXTURES, fixtureFiles.nspl)),
        ),
      }),
      { after: (v, s) => (s.geoJob = (v as { jobId: string }).jobId) },
    ],
    [
      'geography.setLocalAuthorities',
      async (s) => {
        await waitJob(t, String(s.geoJob));
        return { codes: ['E07000243', 'E07000099'] };
      },
    ],
    ['geography.recompute', () => ({}), { after: (v, s) => (s.recomputeJob = (v as { jobId: string }).jobId) }],
    // Staff, settings, audit, backups, subject access, retention
    [
      'staff.create',
      async (s) => {
        await waitJob(t, String(s.recomputeJob));
        return { displayName: 'Kit Officer', role: 'officer' };
      },
      { after: (v, s) => (s.staff = (v as { id: number }).id) },
    ],
    ['staff.update', (s) => ({ id: id(s, 'staff'), displayName: 'Kit Officer Two' })],
    // The first password of a programme where nobody has one yet (before resetPassword gives one).
    [
      'session.setPassword',
      async (s) => {
        s.open = (await t.ok('staff.create', { displayName: 'Kit Open', role: 'administrator' })).id;
        return { staffId: id(s, 'open'), newPassword: 'another kit password 2' };
      },
      { client: 'second-window' },
    ],
    ['staff.resetPassword', (s) => ({ id: id(s, 'staff'), newPassword: 'a long kit password 1' })],
    ['staff.unlock', (s) => ({ id: id(s, 'staff') })],
    [
      'staff.issueSetupCode',
      async (s) => {
        s.coded = (await t.ok('staff.create', { displayName: 'Kit Coded', role: 'viewer' })).id;
        return { id: id(s, 'coded') };
      },
      { after: (v, s) => (s.code = (v as { code: string }).code) },
    ],
    [
      'session.redeemSetupCode',
      (s) => ({ staffId: id(s, 'coded'), code: String(s.code), newPassword: 'a coded kit password 4' }),
      { client: 'fourth-window' },
    ],
    [
      'session.start',
      (s) => ({ staffId: id(s, 'staff'), password: 'a long kit password 1' }),
      { client: 'third-window' },
    ],
    [
      'staff.changeOwnPassword',
      () => ({ currentPassword: 'a long kit password 1', newPassword: 'a changed kit password 3' }),
      { client: 'third-window' },
    ],
    ['session.end', () => ({}), { client: 'third-window' }],
    ['trust.saveSettings', () => ({ requirePasswords: false, autoLockMinutes: 20 })],
    ['audit.export', () => ({})],
    ['audit.verify', () => ({})],
    ['store.check', () => ({})],
    // Unlinks (team-login-binding.test.ts links real logins); a data file has no logins at all.
    ['staff.setDatabaseLogin', (s) => ({ id: id(s, 'staff'), login: null }), { refusedOnDataFile: true }],
    [
      'team.setScope',
      (s) => ({ organisationId: id(s, 'org'), sees: 'all', referralSource: null }),
      { refusedWithoutRoles: true },
    ],
    ['backup.create', () => ({}), { after: (v, s) => (s.backup = (v as { name: string }).name) }],
    ['backup.saveSettings', () => ({ secondFolder: '' })],
    ['keys.confirmRecoveryKey', () => ({}), { refusedWithoutEnvelope: true }],
    ['keys.newRecoveryKey', () => ({ password: 'kit pass phrase 9' }), { refusedWithoutEnvelope: true }],
    ['keys.newStoreKey', () => ({ password: 'kit pass phrase 9', confirm: true }), { refusedWithoutEnvelope: true }],
    [
      'sar.export',
      async (s) => ({ reference: (await t.ok('participants.get', { id: id(s, 'p1') })).reference, reason: 'Kit SAR' }),
    ],
    [
      'retention.setRetainUntil',
      async (s) => {
        const stream = await t.backend.store.db
          .insertInto('funding_streams')
          .values({ code: 'KIT-OLD', name: 'Kit old stream', funder: 'DWP', retain_until: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        s.stream = stream.id;
        s.leaver = await aParticipant(t.backend.store.db, {
          status: 'left',
          leave_date: '2019-01-01',
          funding_stream_id: stream.id,
        });
        return { id: stream.id, retainUntil: '2020-01-01' };
      },
    ],
    ['retention.anonymise', (s) => ({ ids: [id(s, 'leaver')], confirm: true })],
    ['retention.saveSettings', () => ({ defaultRetentionYears: 7, erasedBackupDays: 30 })],
    [
      'retention.erase',
      async () => ({
        id: await aParticipant(t.backend.store.db, { reference: 'SW-KITERASE' }),
        reason: 'Kit erasure on request',
        confirm: true,
      }),
    ],
    ['backup.restore', (s) => ({ name: String(s.backup), confirm: true })],
  ];
}

describe('every write channel of these areas', () => {
  it('is listed here, and called once passes the audit check', { timeout: 120_000 }, async () => {
    const table = steps();
    const listed = [...new Set(table.map(([name]) => name))];
    // A new write channel must be added to the table (staff.createFirst runs in createTestBackend).
    expect([...listed, 'staff.createFirst'].sort()).toEqual([...writeChannels].sort());

    t = await createTestBackend();
    const s: State = {};
    for (const [name, input, options] of table) {
      if (name === 'participants.create' && s.demoJob) await waitJob(t, String(s.demoJob));
      // Nothing to restore when the team database's server refused the dump above.
      if (isPostgresRun && name === 'backup.restore' && !s.backup) continue;
      const result = await t.backend.call(options?.client ?? 'test', name, await input(s));
      // A team database's backups are the server's: the app may take a dump (when this computer's
      // pg_dump can read the server) and never restores one; either way the caller hears why.
      if (isPostgresRun && (name === 'backup.create' || name === 'backup.restore') && !result.ok) {
        expect(result.error).toMatchObject({
          kind: 'conflict',
          message: expect.stringMatching(/server's own backups/),
        });
        continue;
      }
      if (
        options?.refusedWithoutEnvelope ||
        options?.refusedWithoutRoles ||
        (options?.refusedOnDataFile && !isPostgresRun)
      ) {
        expect({ name, result: result.ok ? 'ok' : result.error.kind }).toEqual({ name, result: 'conflict' });
        continue;
      }
      expect({ name, result: result.ok ? 'ok' : result.error }).toEqual({ name, result: 'ok' });
      if (result.ok) options?.after?.(result.value, s);
      // An export's write is its job's: it must end with the file made and audited.
      if (result.ok && name.endsWith('.export')) {
        const ended = await t.backend.services.jobs.wait((result.value as { jobId: string }).jobId);
        expect({ name, state: ended.state, message: ended.message }).toMatchObject({ name, state: 'done' });
      }
    }
    // The jobs started above finished too.
    for (const job of t.backend.services.jobs.list())
      expect({ job: job.kind, state: job.state }).toEqual({ job: job.kind, state: 'done' });
    if (!isPostgresRun) expect(fs.existsSync(t.backend.services.backupDir)).toBe(true);
  });
});
