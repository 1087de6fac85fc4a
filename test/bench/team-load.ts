// The team-database load bench (issue 18): N simulated officers, each a separate process with its
// own backend (test/bench/team-officer.ts), search, register, record outcomes, import partners'
// spreadsheets and edit one shared record at once against one PostgreSQL database holding the demo programme. Reports p95 per
// operation and checks that nothing was lost or written twice and every conflict was handled.
//   node scripts/with-node22.mjs tsx test/bench/team-load.ts [--participants 1000] [--officers 10] [--rounds 10]
//     [--template <demo store.sqlite>]
// (the issue's figures: --participants 100000 --officers 10 --rounds 50, on a quiet machine).
// The programme is loaded into PostgreSQL with the demo loader, or, with --template, copied in from
// a SQLite demo store with `cli team migrate`'s code (db/store/team-migrate.ts), as bench:stores
// does: much faster at 100,000 (the bench kit's .tmp/bench-templates/template-100000-<key>.sqlite, whose staff
// work without passwords as demo data's do). The template itself is never opened: a copy is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { createBackend } from '../../db/backend/backend';
import { openStore } from '../../db/store/connection';
import { copySoloStoreToTeam } from '../../db/store/team-migrate';
import { writeTransaction } from '../../db/store/dialect';
import { markDemoStore } from '../../db/features/trust/trust-settings';
import { startTestPostgres } from '../support/postgres-server';
import { bundleEntry } from './processes';
import { summarise } from './bench-kit';

const { values } = parseArgs({
  options: {
    participants: { type: 'string' },
    officers: { type: 'string' },
    rounds: { type: 'string' },
    template: { type: 'string' },
  },
});
const participants = Number(values.participants ?? 1000);
const officers = Number(values.officers ?? 10);
const rounds = Number(values.rounds ?? 10);

process.env.WORKSBOOK_DB_TLS = 'insecure-test-server';

/** Copies a SQLite demo store (a copy of `template`) into the empty team database at `url`, as
 * `cli team migrate` does, then ANALYZEs it (as autovacuum would soon after a bulk load). */
async function copyTemplate(template: string, url: string): Promise<void> {
  const file = path.join(work, 'template-copy.sqlite');
  fs.copyFileSync(template, file);
  const source = await openStore({ file, key: null });
  try {
    const target = await openStore({ file: url, tls: 'insecure-test-server' });
    try {
      const copied = await copySoloStoreToTeam(source, target);
      if (copied.outcome !== 'copied') throw new Error('the team database was not empty');
      await sql`analyze`.execute(target.db);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  fs.rmSync(file, { force: true });
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-team-load-'));
const server = await startTestPostgres();
try {
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('create database team_load');
  await admin.end();
  const url = server.url('team_load');

  // The programme: the demo at the asked size (or a copy of the template), and one staff member per officer.
  const seedStart = performance.now();
  if (values.template) await copyTemplate(values.template, url);
  const owner = await createBackend({ file: url, dataDir: path.join(work, 'owner'), automaticBackups: false });
  if (!values.template) {
    // Made-up data, marked as demo data (audited) so its staff work without passwords.
    await writeTransaction(owner.store.db).execute((tx) => markDemoStore(tx, new Date().toISOString(), null));
    const first = await owner.call('bench', 'staff.createFirst', { displayName: 'Load Administrator' });
    if (!first.ok) throw new Error(first.error.message);
    const demo = await owner.call('bench', 'demo.load', { participants, seed: 2017 });
    if (!demo.ok) throw new Error(demo.error.message);
    const job = await owner.services.jobs.wait(demo.value.jobId);
    if (job.state !== 'done') throw new Error(`demo: ${job.message ?? job.state}`);
  }
  const db = owner.store.db;
  process.stdout.write(
    `Programme ${values.template ? 'copied from the template' : 'loaded'} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`,
  );
  const staff: number[] = [];
  for (let i = 0; i < officers; i++)
    staff.push(
      (
        await db
          .insertInto('staff')
          .values({ display_name: `Load Officer ${i + 1}`, role: 'officer', created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const shared = await db
    .selectFrom('participants')
    .select(['id', 'version'])
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const countBefore = Number(
    (
      await db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  // Bundled inside the repository, so the SQLite driver it leaves outside resolves from node_modules.
  const entry = await bundleEntry('test/bench/team-officer.ts', path.resolve('.tmp/team-load/officer.cjs'), {
    withWorkers: true,
  });
  const t0 = performance.now();
  const outputs = await Promise.all(
    staff.map(
      (staffId, i) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, [entry], {
            env: {
              ...process.env,
              LOAD_DB_URL: url,
              LOAD_STAFF_ID: String(staffId),
              LOAD_OFFICER: String(i + 1),
              LOAD_ROUNDS: String(rounds),
              LOAD_SHARED_ID: String(shared.id),
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
          child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
          child.on('exit', (code) =>
            code === 0 ? resolve(out) : reject(new Error(`officer ${i + 1} exited ${code}: ${err.slice(-2000)}`)),
          );
        }),
    ),
  );
  const wallMs = performance.now() - t0;
  const reports = outputs.map(
    (o) =>
      JSON.parse(o.trim().split('\n').at(-1)!) as {
        times: Record<string, number[]>;
        written: {
          registered: number[];
          imported: number;
          outcomes: number[];
          sharedEdits: number;
          conflicts: number;
          unhandled: string[];
        };
      },
  );

  process.stdout.write(
    `\nTeam database load: ${officers} officers × ${rounds} rounds on ${participants.toLocaleString('en-GB')} participants (${(wallMs / 1000).toFixed(1)} s)\n`,
  );
  for (const op of Object.keys(reports[0]!.times).filter((o) => reports.some((r) => r.times[o]!.length))) {
    const s = summarise(
      'team',
      op,
      participants,
      reports.flatMap((r) => r.times[op]!),
    );
    process.stdout.write(
      `${op.padEnd(22)} n=${String(s.runs).padStart(4)}  median ${s.medianMs.toFixed(1)} ms  p95 ${s.p95Ms.toFixed(1)} ms  max ${s.maxMs.toFixed(1)} ms\n`,
    );
  }

  // Nothing lost, nothing written twice, every conflict handled.
  const registered = reports.flatMap((r) => r.written.registered);
  const outcomes = reports.flatMap((r) => r.written.outcomes);
  const edits = reports.reduce((n, r) => n + r.written.sharedEdits, 0);
  const conflicts = reports.reduce((n, r) => n + r.written.conflicts, 0);
  const imported = reports.reduce((n, r) => n + r.written.imported, 0);
  const unhandled = reports.flatMap((r) => r.written.unhandled);
  const countAfter = Number(
    (
      await db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const outcomeRows = registered.length
    ? await db.selectFrom('outcomes').select(['participant_id']).where('participant_id', 'in', registered).execute()
    : [];
  const sharedAfter = await db
    .selectFrom('participants')
    .select('version')
    .where('id', '=', shared.id)
    .executeTakeFirstOrThrow();
  const checks = [
    [
      `registrations and imported people stored: ${countAfter - countBefore} of ${registered.length} + ${imported}`,
      countAfter - countBefore === registered.length + imported && new Set(registered).size === registered.length,
    ],
    [
      `job starts stored once each: ${outcomeRows.length} for ${registered.length} people`,
      outcomeRows.length === outcomes.length && outcomes.length === registered.length,
    ],
    [
      `shared record: ${edits} saves, version ${shared.version} → ${sharedAfter.version}; ${conflicts} "Changed by" refusals, each reloaded and saved again`,
      sharedAfter.version === shared.version + edits,
    ],
    [
      `unhandled errors: ${unhandled.length}${unhandled.length ? ` (${unhandled.slice(0, 3).join('; ')})` : ''}`,
      unhandled.length === 0,
    ],
  ] as const;
  for (const [text, ok] of checks) process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${text}\n`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  await owner.close();
} finally {
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
// Ends here even if a connection pool is still winding down.
process.exit(process.exitCode ?? 0);
