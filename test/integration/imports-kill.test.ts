// Kill -9 during a large import, several times at random points (preview, the commit itself,
// just after): the import batch is then either wholly absent or wholly present, and the store
// passes integrity_check and foreign_key_check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend } from '../../db/backend/backend';
import { setLogSink } from '../../db/backend/log';
import { tempDir } from '../support/backend';
import { people, referralsWorkbook } from '../fixtures/imports/generate';

const ROWS = 12_000;
let dir: string;
let base: string;
let workbook: string;

beforeAll(async () => {
  setLogSink(() => {});
  dir = tempDir('worksbook-kill-');
  base = path.join(dir, 'base.sqlite');
  const b = await createBackend({ file: base, key: null });
  // Not demo data: the first administrator has a password (the child signs in with it).
  await b.call('setup', 'staff.createFirst', { displayName: 'Kill Test', password: 'a long kill test password 1' });
  b.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await b.close();
  workbook = path.join(dir, 'big.xlsx');
  fs.writeFileSync(workbook, await referralsWorkbook(people(ROWS, 5)));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it prints `phase`, then kills it after `delayMs` (or lets it finish when delay is null). */
function runAndKill(file: string, phase: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('test/integration/imports-kill-child.ts'), file, workbook],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const seen: string[] = [];
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        seen.push(line);
        if (line === phase && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve(seen);
    });
  });
}

it('a batch is all or nothing however the backend dies', async () => {
  const outcomes: string[] = [];
  const plans: Array<[string, number]> = [
    ['previewing', 300],
    ['committing', 0],
    ['committing', 150 + Math.floor(Math.random() * 400)],
    ['committing', Math.floor(Math.random() * 1500)],
    ['committing', 900 + Math.floor(Math.random() * 2000)],
    ['committed', 0],
  ];
  for (const [i, [phase, delay]] of plans.entries()) {
    const file = path.join(dir, `run-${i}.sqlite`);
    fs.copyFileSync(base, file);
    const phases = await runAndKill(file, phase, delay);
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const batches = db.prepare('select id, created_count from import_batches').all() as Array<{
      id: number;
      created_count: number;
    }>;
    const participants = (db.prepare('select count(*) as n from participants').get() as { n: number }).n;
    const batchRows = (db.prepare('select count(*) as n from import_batch_rows').get() as { n: number }).n;
    const audits = (
      db.prepare("select count(*) as n from audit_log where entity = 'participant'").get() as { n: number }
    ).n;
    if (batches.length === 0) {
      expect([participants, batchRows, audits]).toEqual([0, 0, 0]);
      outcomes.push(`killed after "${phases.at(-1)}" +${delay}ms: absent`);
    } else {
      expect(batches).toHaveLength(1);
      expect([batches[0]!.created_count, participants, batchRows, audits]).toEqual([ROWS, ROWS, ROWS, ROWS]);
      outcomes.push(`killed after "${phases.at(-1)}" +${delay}ms: present`);
    }
    db.close();
  }
  // Killed before committing: absent; after "committed": present.
  expect(outcomes[0]).toMatch(/absent/);
  expect(outcomes.at(-1)).toMatch(/present/);
  console.log(outcomes.join('\n'));
}, 600_000);
