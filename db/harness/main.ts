// `npm run web`: opens the store and serves the app on 127.0.0.1, printing the address.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend/backend';
import { defaultStorePath } from '../backend/paths';
import { startHarness, type LockedStore } from './server';
import { resolveStoreKey } from '../backend/store-key';
import { openWithFileKeychain } from './keychain-open';
import type { Backend } from '../backend/backend';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    'renderer-dir': { type: 'string' },
    'key-file': { type: 'string' },
    // An unencrypted store, for demo data and tests only (or WORKSBOOK_PLAINTEXT=1).
    plaintext: { type: 'boolean' },
    // A file standing in for the OS keychain, to open the store as the desktop app does (and reach
    // its recovery screen by deleting the file): keychain-open.ts. Tests and trying only.
    keychain: { type: 'string' },
  },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = path.resolve(values.db ?? defaultStorePath());
let backend: Backend | null = null;
let locked: LockedStore | null = null;
try {
  if (values.keychain)
    ({ backend, locked } = await openWithFileKeychain(values.keychain, {
      file,
      automaticBackups: 'after-start',
      storeCheck: 'after-start',
    }));
  else
    backend = await createBackend({
      file,
      key: await resolveStoreKey(file, { keyFile: values['key-file'], plaintext: values.plaintext === true }),
      automaticBackups: 'after-start',
      storeCheck: 'after-start',
    });
} catch (error) {
  process.stderr.write(`Worksbook could not open ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const harness = await startHarness({
  ...(backend ? { backend } : {}),
  ...(locked ? { locked } : {}),
  rendererDir: values['renderer-dir'] ?? path.join(root, 'dist', 'renderer'),
  port: values.port ? Number(values.port) : 0,
});
process.stdout.write(`Worksbook is running at ${harness.url}\n`);
process.stdout.write(
  `Data file: ${file}${locked ? ' (waiting for its recovery key in the window)' : ''}\nPress Ctrl+C to stop.\n`,
);
process.stdout.write(`READY ${harness.url}\n`);

const shutdown = async () => {
  await harness.close();
  await harness.backend()?.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
