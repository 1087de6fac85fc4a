// A real backend on a real store for tests: a fresh SQLite file, or on the PostgreSQL run
// (WORKSBOOK_TEST_STORE=postgres, test/support/test-store.ts) a fresh database copied from the
// migrated template; a fixed clock, and a signed-in staff member of the role the test asks for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import type { Role } from '../../shared/contract/define';
import type {
  ChannelName,
  ChannelOutput,
  ChannelInput,
  ExportChannel,
  ExportedFile,
} from '../../shared/contract/index';
import type { Result } from '../../shared/result';
import { exportToEnd } from '../../db/features/export/export-job';
import type { StoreKey } from '../../db/store/sqlite/encryption';
import { writeTransaction } from '../../db/store/dialect';
import { markDemoStore } from '../../db/features/trust/trust-settings';
import { createTestDatabase, dropTestDatabase, isPostgresRun, testServerUrl } from './test-store';

export const TEST_NOW = '2026-11-23T10:00:00.000Z';

export function tempDir(prefix = 'worksbook-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestBackend {
  backend: Backend;
  file: string;
  dir: string;
  staffId: number;
  /** Calls a channel as the signed-in test user and returns the value, failing loudly otherwise. */
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Calls a channel and returns the raw Result. */
  call<C extends ChannelName>(channel: C, input: unknown): ReturnType<Backend['call']>;
  /** Runs an export to its end as the window does (its job, then jobs.exportFile) and returns
   * the file, failing loudly if the channel refuses or the job fails. */
  exported<C extends ExportChannel>(channel: C, input: ChannelInput<C>): Promise<ExportedFile>;
  /** The same, returning the raw Result (a refusal, or the job's failure). */
  exportResult<C extends ExportChannel>(channel: C, input: unknown): Promise<Result<ExportedFile>>;
  signInAs(role: Role, name?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createTestBackend(
  options: { role?: Role; now?: string; key?: StoreKey | null; file?: string; dataDir?: string } = {},
): Promise<TestBackend> {
  const dir = tempDir();
  // A test that names its file or key is about a SQLite file: it gets one on either run.
  const database = isPostgresRun && !options.file && !options.key ? await createTestDatabase() : null;
  const file = database ? testServerUrl(database) : (options.file ?? path.join(dir, 'worksbook.sqlite'));
  const backend = await createBackend({
    file,
    key: options.key ?? null,
    clock: fixedClock(options.now ?? TEST_NOW),
    dataDir: options.dataDir ?? dir,
  });
  const client = 'test';
  // Test stores hold made-up data, like the demo: marked as demo data, so their staff work without
  // passwords (the sign-in tests make stores with the rules of real data themselves).
  await writeTransaction(backend.store.db).execute((tx) => markDemoStore(tx, options.now ?? TEST_NOW, null));
  const first = await backend.call(client, 'staff.createFirst', { displayName: 'Test Administrator' });
  if (!first.ok) throw new Error(first.error.message);
  const t: TestBackend = {
    backend,
    file,
    dir,
    staffId: first.value.staff.id,
    async ok(channel, input) {
      const result = await backend.call(client, channel, input);
      if (!result.ok)
        throw new Error(
          `${channel} failed: ${result.error.kind}: ${result.error.message} ${JSON.stringify(result.error.fields ?? [])}`,
        );
      return result.value as never;
    },
    call: (channel, input) => backend.call(client, channel, input),
    async exported(channel, input) {
      const result = await exportToEnd(backend, client, channel, input);
      if (!result.ok)
        throw new Error(
          `${channel} failed: ${result.error.kind}: ${result.error.message} ${JSON.stringify(result.error.fields ?? [])}`,
        );
      return result.value;
    },
    exportResult: (channel, input) => exportToEnd(backend, client, channel, input as never),
    async signInAs(role, name = `Test ${role}`) {
      const row = await backend.store.db
        .insertInto('staff')
        .values({
          display_name: name,
          email: null,
          role,
          password_hash: null,
          locked_until: null,
          created_at: TEST_NOW,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const started = await backend.call(client, 'session.start', { staffId: row.id });
      if (!started.ok) throw new Error(started.error.message);
      t.staffId = row.id;
      return row.id;
    },
    async close() {
      await backend.close();
      if (database) await dropTestDatabase(database);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.role && options.role !== 'administrator') await t.signInAs(options.role);
  return t;
}
