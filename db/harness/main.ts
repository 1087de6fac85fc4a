// `npm run web`: opens the store and serves the app on 127.0.0.1, printing the address.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend/backend';
import { defaultStorePath } from '../backend/paths';
import { startHarness } from './server';
import { resolveStoreKey } from '../backend/store-key';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    'renderer-dir': { type: 'string' },
    'key-file': { type: 'string' },
    // An unencrypted store, for demo data and tests only (or WORKSBOOK_PLAINTEXT=1).
    plaintext: { type: 'boolean' },
  },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = path.resolve(values.db ?? defaultStorePath());
let backend;
try {
  backend = await createBackend({
    file,
    key: await resolveStoreKey(file, { keyFile: values['key-file'], plaintext: values.plaintext === true }),
    automaticBackups: 'after-start',
  });
} catch (error) {
  process.stderr.write(`Worksbook could not open ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const harness = await startHarness({
  backend,
  rendererDir: values['renderer-dir'] ?? path.join(root, 'dist', 'renderer'),
  port: values.port ? Number(values.port) : 0,
});
process.stdout.write(`Worksbook is running at ${harness.url}\n`);
process.stdout.write(`Data file: ${file}\nPress Ctrl+C to stop.\n`);
process.stdout.write(`READY ${harness.url}\n`);

const shutdown = async () => {
  await harness.close();
  await backend.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
