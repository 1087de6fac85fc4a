// One owner of the store: whoever opens it holds a lock until it closes, and a second opener
// (the app and the CLI, two harnesses, a restore while the app runs) is refused with a message
// naming the holder. The lock is SQLite's own write lock on a small file beside the store,
// `<store>.lock`: the operating system drops it when the holding process ends, even by kill -9
// or a power cut, so a lock can never be left stale (no pid probing, no pid-reuse mistakes), on
// Windows and POSIX alike. Holding a write transaction still lets others read the holder's
// details from the same file. A separate file, because closing any descriptor on a file drops
// a process's POSIX locks on it and the store file is opened by other code (encryption checks,
// backups). The file is never deleted: unlinking a lock file others may have open splits it.
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase, { type Database as Sqlite } from 'better-sqlite3-multiple-ciphers';

export interface StoreLockHolder {
  pid: number;
  host: string;
  since: string;
  program: string;
}

export class StoreLockedError extends Error {
  constructor(
    readonly file: string,
    readonly holder: StoreLockHolder | null,
  ) {
    const who = holder
      ? `${holder.program}, process ${holder.pid} on ${holder.host} since ${new Date(holder.since).toLocaleString('en-GB')}`
      : 'another program';
    super(
      `Worksbook is already open on this store (${who}): ${file}. Close it there first; only one program may use a store at a time.`,
    );
    this.name = 'StoreLockedError';
  }
}

export interface StoreLock {
  /** The store file (resolved) this lock is for. */
  readonly file: string;
  release(): void;
}

export const lockFileOf = (storeFile: string) => `${path.resolve(storeFile)}.lock`;

/** What this process is, for the message a second opener sees. */
function thisProgram(): string {
  const entry = process.argv[1] ?? '';
  if (/cli[\\/]main\.[cm]?[jt]s$/.test(entry)) return 'the Worksbook command line';
  if (/harness[\\/]main\.[cm]?[jt]s$/.test(entry)) return 'Worksbook in the browser (npm run web)';
  if ((process as { parentPort?: unknown }).parentPort) return 'the Worksbook app';
  return 'Worksbook';
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: string }).code));

function holderOf(lock: Sqlite): StoreLockHolder | null {
  try {
    return (lock.prepare('select pid, host, since, program from holder').get() as StoreLockHolder | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Takes the store's lock, or throws StoreLockedError naming who holds it. Does not wait for it. */
export function acquireStoreLock(storeFile: string, now: Date = new Date()): StoreLock {
  const file = path.resolve(storeFile);
  // A short wait only: a holder never lets go by itself, but committing the holder's details
  // waits for anyone reading them at that moment.
  const lock = new SqliteDatabase(lockFileOf(file), { timeout: 250 });
  const refuse = () => {
    const holder = holderOf(lock);
    lock.close();
    return new StoreLockedError(file, holder);
  };
  try {
    lock.exec(
      'create table if not exists holder (pid integer not null, host text not null, since text not null, program text not null)',
    );
    // Publish who holds it (a committed row others can read), then take the write lock for as
    // long as the store is open. Losing the moment between the two to another opener is fine:
    // that opener holds the lock and this one is refused.
    lock.exec('begin immediate');
    lock.prepare('delete from holder').run();
    lock
      .prepare('insert into holder (pid, host, since, program) values (?, ?, ?, ?)')
      .run(process.pid, os.hostname(), now.toISOString(), thisProgram());
    lock.exec('commit');
    lock.exec('begin immediate');
  } catch (error) {
    if (lock.inTransaction) lock.exec('rollback');
    if (isBusy(error)) throw refuse();
    lock.close();
    throw error;
  }
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      try {
        lock.exec('rollback');
        lock.prepare('delete from holder').run();
      } catch {
        // Closing below releases the lock whatever happened to the tidy-up.
      }
      lock.close();
    },
  };
}
