// One owner of the store (issue 13): a second opener is refused with a message naming the
// holder, in the same process or another; the store opens once the holder closes or dies (the
// operating system drops a dead process's lock, so a stale holder is simply taken over); and
// the CLI's restore is refused while the browser harness holds the store, instead of replacing
// the file under it and losing its acknowledged writes.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../db/backend/backend';
import { openStore } from '../../db/store/connection';
import { StoreLockedError } from '../../db/store/store-lock';
import { runCli } from '../../db/cli/main';
import { listBackupFiles } from '../../db/store/sqlite/backup-file';
import { tempDir } from '../support/backend';
import { startTsx, type Child } from '../support/child';
import { setLogSink } from '../../db/backend/log';

beforeAll(() => setLogSink(() => {}));

const dirs: string[] = [];
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const newStore = () => {
  const dir = tempDir('worksbook-lock-');
  dirs.push(dir);
  return path.join(dir, 'w.sqlite');
};
const host = os.hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one owner of the store', () => {
  it('refuses a second backend on the same file, naming the holder, and opens once the first closes', async () => {
    const file = newStore();
    const first = await createBackend({ file });
    const second = createBackend({ file });
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toThrow(
      new RegExp(`^Worksbook is already open on this store \\(Worksbook, process ${process.pid} on ${host} since \\d`),
    );
    await first.close();
    const again = await createBackend({ file });
    await again.close();
  });

  it('keeps the lock through a restore in the owner, and releases it on close', async () => {
    const file = newStore();
    const store = await openStore({ file });
    await expect(openStore({ file })).rejects.toBeInstanceOf(StoreLockedError);
    const lock = store.lock;
    await store.close({ keepLock: true });
    // Between close and reopen (the file being replaced) nobody else gets in.
    await expect(openStore({ file })).rejects.toBeInstanceOf(StoreLockedError);
    const reopened = await openStore({ file, lock });
    await reopened.close();
    await (await openStore({ file })).close();
  });

  it("refuses the CLI's restore while the harness holds the store; after the harness dies, its stale lock is taken over", async () => {
    const file = newStore();
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    const out: string[] = [];
    expect(await runCli(['demo', '--participants', '10', '--db', file, '--plaintext'], io), out.join('\n')).toBe(0);
    expect(await runCli(['backup', '--db', file, '--plaintext'], io), out.join('\n')).toBe(0);
    const backup = listBackupFiles(path.join(path.dirname(file), 'backups')).find((b) => b.reason === 'manual')!;

    const harness = startTsx('db/harness/main.ts', ['--db', file, '--port', '0', '--plaintext']);
    children.push(harness);
    await harness.waitFor((l) => l.startsWith('READY '), 60_000);
    out.length = 0;
    expect(await runCli(['restore', backup.name, '--yes', '--db', file, '--plaintext'], io)).toBe(1);
    expect(out.join('\n')).toMatch(
      new RegExp(
        `ERR error: Worksbook is already open on this store \\(Worksbook in the browser \\(npm run web\\), process ${harness.proc.pid} on ${host} since `,
      ),
    );

    // kill -9: no clean-up ran, so the holder's details are still in the lock file; the lock itself went with the process.
    harness.proc.kill('SIGKILL');
    await harness.exited;
    out.length = 0;
    expect(await runCli(['restore', backup.name, '--yes', '--db', file, '--plaintext'], io), out.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/Restored worksbook-.*-manual\.sqlite/);
  }, 120_000);
});
