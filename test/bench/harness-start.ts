// The app's start, as the cold-start row measures it: this process opens the store (with the
// daily backup, as the app does), signs the harness client in as the administrator (the bench
// skips the sign-in screen, as the warm browser rows do) and serves the renderer, then prints
// `READY <url>` with the ms since the process started. Bundled and run by participants.bench.ts.
// Usage: node harness-start.cjs <store file> <backups folder> <renderer folder> [blocking|after-start]
// (how the daily backup is taken: before serving, as the app did, or after start, as it does now).
import { createBackend } from '../../db/backend/backend';
import { setLogSink } from '../../db/backend/log';
import { startHarness } from '../../db/harness/server';
import { signInAsAdministrator } from './bench-session';

async function main([file, backupDir, rendererDir, backupMode]: string[]): Promise<void> {
  if (!file || !backupDir || !rendererDir) throw new Error('usage: harness-start <store> <backups> <renderer>');
  setLogSink(() => {});
  const automaticBackups = backupMode === 'after-start' ? 'after-start' : true;
  const backend = await createBackend({
    file,
    backupDir,
    automaticBackups,
    startupBackupDelayMs: 2_000,
    // The store check after start, as the app runs it (backend.ts); the blocking start runs it before.
    storeCheck: backupMode === 'after-start' ? 'after-start' : 'before-serving',
  });
  const storeOpenMs = performance.now();
  await signInAsAdministrator(backend, 'harness');
  const harness = await startHarness({ backend, rendererDir });
  process.stdout.write(`READY ${JSON.stringify({ url: harness.url, storeOpenMs, readyMs: performance.now() })}\n`);
  const shutdown = async () => {
    await harness.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
