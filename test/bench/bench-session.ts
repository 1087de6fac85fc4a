// What the benches that drive the window share: a session for the store's administrator (demo
// data's staff sign in without a password) and the Chromium the harness is opened in.
import type { Backend } from '../../db/backend/backend';

/** Starts `clientId`'s session as the store's administrator. */
export async function signInAsAdministrator(backend: Backend, clientId: string): Promise<void> {
  const admin = await backend.store.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'administrator')
    .executeTakeFirstOrThrow();
  await backend.call(clientId, 'session.start', { staffId: admin.id });
}

/** Debian's Chromium (or CHROMIUM_PATH), as the end-to-end tests launch it. */
export function chromiumOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  };
}
