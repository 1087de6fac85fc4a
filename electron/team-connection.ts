// The team database's connection (a postgres:// string with the staff member's own login and
// password, and the TLS setting), kept on disk only as encrypted by the operating system's
// keychain (Electron safeStorage), like the store key; never logged. The window only ever sees
// the address without its password.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { InsecureKeychainError } from './store-key';

export type TeamTls = 'verify-full' | 'insecure-test-server';

export interface SavedTeamConnection {
  url: string;
  tls: TeamTls;
}

const FILE = 'team-connection.bin';

export function isTeamAddress(text: string): boolean {
  return /^postgres(ql)?:\/\/[^/\s]+\/[^\s]+$/i.test(text.trim());
}

/** The address with no password (and no query), for the settings screen. */
export function addressWithoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return 'postgres://(unreadable address)';
  }
}

function assertSecureKeychain(): void {
  if (!safeStorage.isEncryptionAvailable()) throw new InsecureKeychainError();
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    throw new InsecureKeychainError();
}

export function loadTeamConnection(userDataDir: string): SavedTeamConnection | null {
  const file = path.join(userDataDir, FILE);
  if (!fs.existsSync(file)) return null;
  assertSecureKeychain();
  const parsed = JSON.parse(safeStorage.decryptString(fs.readFileSync(file))) as Partial<SavedTeamConnection>;
  if (typeof parsed.url !== 'string' || !isTeamAddress(parsed.url)) return null;
  return { url: parsed.url, tls: parsed.tls === 'insecure-test-server' ? 'insecure-test-server' : 'verify-full' };
}

export function saveTeamConnection(userDataDir: string, connection: SavedTeamConnection): void {
  assertSecureKeychain();
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, FILE), safeStorage.encryptString(JSON.stringify(connection)), {
    mode: 0o600,
  });
}

export function clearTeamConnection(userDataDir: string): void {
  fs.rmSync(path.join(userDataDir, FILE), { force: true });
}

/** The connection string from what the settings form sends: address (host, port, database),
 * login and password kept apart so the password is never part of anything shown. */
export function teamUrl(input: { address: string; login: string; password: string }): string | null {
  const address = input.address.trim().replace(/^postgres(ql)?:\/\//i, '');
  if (!/^[^/\s@]+\/[A-Za-z0-9_-]+$/.test(address) || !input.login.trim()) return null;
  const u = new URL(`postgres://${address}`);
  u.username = encodeURIComponent(input.login.trim());
  u.password = encodeURIComponent(input.password);
  return u.toString();
}
