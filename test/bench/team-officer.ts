// One simulated officer of the team-database load bench (test/bench/team-load.ts), in a process of
// its own with its own backend on the shared PostgreSQL database: signs in as its staff member and,
// each round, searches, registers a person, records their job start and edits the one record every
// officer edits (refused "Changed by…" when another saved first: it reloads and saves again, as
// the form offers); every third round it also imports a partner's referrals spreadsheet (CSV, three
// new people: open, preview and commit, each a job, as the window runs them). Prints its timings
// and what it wrote as one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../db/backend/backend';
import { inLetters } from './letters';
import type { Result } from '../../shared/result';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const officer = Number(env('LOAD_OFFICER'));
const rounds = Number(env('LOAD_ROUNDS'));
const shared = Number(env('LOAD_SHARED_ID'));
// Bundled as CommonJS (test/bench/processes.ts): no top-level await.
async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-officer-'));
  const backend = await createBackend({ file: env('LOAD_DB_URL'), dataDir, automaticBackups: false });
  const client = 'officer';
  const times: Record<string, number[]> = {
    search: [],
    register: [],
    outcome: [],
    'edit shared record': [],
    import: [],
  };
  const written = {
    registered: [] as number[],
    imported: 0,
    outcomes: [] as number[],
    sharedEdits: 0,
    conflicts: 0,
    unhandled: [] as string[],
  };

  async function timed<T>(op: string, work: () => Promise<Result<T>>): Promise<Result<T>> {
    const t0 = performance.now();
    const result = await work();
    times[op]!.push(performance.now() - t0);
    return result;
  }
  const call = (channel: string, input: unknown) => backend.call(client, channel as never, input);

  /** Runs a channel's job to its end, as the window waits for it; its result. */
  async function job(channel: string, input: unknown): Promise<unknown> {
    const started = await call(channel, input);
    if (!started.ok) throw new Error(`${channel}: ${started.error.message}`);
    const done = await backend.services.jobs.wait((started.value as { jobId: string }).jobId);
    if (done.state !== 'done') throw new Error(`${channel}: ${done.message ?? done.state}`);
    return done.result;
  }

  /** A partner's spreadsheet of three referrals, new people each time (their own NI numbers). */
  async function importReferrals(round: number): Promise<number> {
    const two = (n: number) => String(n % 100).padStart(2, '0');
    const rows = [0, 1, 2].map(
      (i) =>
        `JK${two(officer)}${two(round)}${two(i)}C,Import${officer},Round${round}-Person${i},0${1 + i}/02/1991,SG1 1AA,05/01/2026`,
    );
    const csv = ['NI Number,First name,Surname,Date of birth,Postcode,Referral date', ...rows].join('\n');
    const upload = (await job('imports.open', {
      file: { fileName: `referrals-${officer}-${round}.csv`, bytes: new TextEncoder().encode(csv) },
    })) as { uploadId: string; sheets: Array<{ name: string }> };
    const preview = (await job('imports.preview', {
      uploadId: upload.uploadId,
      sheet: upload.sheets[0]!.name,
      profile: {
        name: 'JCP referrals',
        partner: 'Jobcentre Plus Stevenage',
        kind: 'participants',
        columns: {
          ni_number: 'NI Number',
          first_name: 'First name',
          last_name: 'Surname',
          date_of_birth: 'Date of birth',
          postcode: 'Postcode',
          referral_date: 'Referral date',
        },
        defaults: { referral_source: 'jcp' },
        scope: { referralSource: 'jcp' },
      },
    })) as { previewId: string };
    const committed = (await job('imports.commit', { previewId: preview.previewId })) as { created: number };
    return committed.created;
  }

  const started = await call('session.start', { staffId: Number(env('LOAD_STAFF_ID')) });
  if (!started.ok) throw new Error(started.error.message);

  for (let round = 0; round < rounds; round++) {
    const search = await timed('search', () =>
      call('participants.page', {
        offset: 0,
        limit: 50,
        search: ['smi', 'jon', 'kha', 'now'][round % 4],
        sort: [],
        filters: {},
      }),
    );
    if (!search.ok) written.unhandled.push(`search: ${search.error.message}`);
    const record = {
      firstName: `Officer${inLetters(officer)}`,
      lastName: `Round${inLetters(round)}-Load`,
      dateOfBirth: `${1 + (round % 27)}/${1 + (officer % 12)}/1990`,
      niStatus: 'not_yet_known',
      postcode: 'SG1 1AA',
      startDate: '10/01/2026',
    };
    const created = await timed('register', () =>
      call('participants.create', { record, notDuplicateOf: [], duplicatesReviewed: true }),
    );
    if (!created.ok) {
      written.unhandled.push(`register: ${created.error.message}`);
      continue;
    }
    const id = (created.value as { id: number }).id;
    written.registered.push(id);
    const outcome = await timed('outcome', () =>
      call('outcomes.record', {
        participantId: id,
        outcomeType: 'job_start',
        outcomeDate: '2026-06-01',
        hoursPerWeek: 30,
      }),
    );
    if (outcome.ok) written.outcomes.push((outcome.value as { id: number }).id);
    else written.unhandled.push(`outcome: ${outcome.error.message}`);

    // Everyone edits the same record: a refusal is the expected, handled answer; reload and retry.
    const edit = await timed('edit shared record', async () => {
      for (let attempt = 0; ; attempt++) {
        const detail = await call('participants.get', { id: shared });
        if (!detail.ok) return detail;
        const d = detail.value as { version: number; record: Record<string, unknown> };
        const saved = await call('participants.update', {
          id: shared,
          version: d.version,
          record: {
            ...d.record,
            phone: `07700 900${String(officer * 100 + round)
              .padStart(3, '0')
              .slice(-3)}`,
          },
        });
        if (saved.ok || saved.error.kind !== 'conflict' || attempt >= 100) return saved;
        written.conflicts++;
        // As a person would: a moment to read the reloaded record before saving again.
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      }
    });
    if (edit.ok) written.sharedEdits++;
    else written.unhandled.push(`edit: ${edit.error.kind}: ${edit.error.message}`);

    if (round % 3 === 1) {
      const t0 = performance.now();
      try {
        written.imported += await importReferrals(round);
        times.import!.push(performance.now() - t0);
      } catch (error) {
        written.unhandled.push(`import: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  await backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ officer, times, written })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
