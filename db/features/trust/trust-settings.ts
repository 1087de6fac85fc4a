// The trust area's settings, kept in the settings table: whether every profile needs a password,
// how long the window may sit idle before it locks, and how long a session may last at most. And
// whether the store holds demo data: only there may staff work without passwords.
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';

export interface TrustSettings {
  requirePasswords: boolean;
  autoLockMinutes: number;
  /** A session ends this many hours after sign-in, however active (0: never). */
  sessionHours: number;
}

export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const DEFAULT_SESSION_HOURS = 12;
const KEY = 'trust.settings';
const DEMO_KEY = 'store.demo';

type StoredSettings = Partial<TrustSettings>;

async function readStored(db: Db): Promise<StoredSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  if (!row) return {};
  try {
    const parsed = JSON.parse(row.value_json) as Record<string, unknown>;
    return {
      ...(typeof parsed.requirePasswords === 'boolean' ? { requirePasswords: parsed.requirePasswords } : {}),
      ...(typeof parsed.autoLockMinutes === 'number' ? { autoLockMinutes: parsed.autoLockMinutes } : {}),
      ...(typeof parsed.sessionHours === 'number' ? { sessionHours: parsed.sessionHours } : {}),
    };
  } catch {
    return {};
  }
}

/** Whether the store holds demo data (marked when the demo programme is loaded into an empty one). */
export async function isDemoStore(db: Db): Promise<boolean> {
  const row = await db.selectFrom('settings').select('key').where('key', '=', DEMO_KEY).executeTakeFirst();
  return !!row;
}

/** Marks the store as demo data: from then on passwords are optional unless the setting asks for them. */
export async function markDemoStore(tx: Tx, at: string, staffId: number | null): Promise<void> {
  if (await isDemoStore(tx)) return;
  await tx
    .insertInto('settings')
    .values({ key: DEMO_KEY, value_json: JSON.stringify({ since: at }), updated_at: at })
    .execute();
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'settings',
    entityId: 'store.demo',
    summary: 'This store is marked as demo data: staff profiles may work without passwords',
  });
}

/** The settings as they apply: outside a demo store passwords are always required. */
export async function readTrustSettings(db: Db): Promise<TrustSettings> {
  const stored = await readStored(db);
  const demo = await isDemoStore(db);
  return {
    requirePasswords: demo ? (stored.requirePasswords ?? false) : true,
    autoLockMinutes: stored.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES,
    sessionHours: stored.sessionHours ?? DEFAULT_SESSION_HOURS,
  };
}

async function writeTrustSettings(tx: Tx, settings: TrustSettings, at: string): Promise<void> {
  await tx
    .insertInto('settings')
    .values({ key: KEY, value_json: JSON.stringify(settings), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(settings), updated_at: at }))
    .execute();
}

/** Saves the settings with their audit entry; returns them as now stored. */
export async function saveTrustSettings(
  tx: Tx,
  input: Omit<TrustSettings, 'sessionHours'> & { sessionHours?: number | undefined },
  actor: { staffId: number | null; now: string },
): Promise<TrustSettings> {
  const before = await readTrustSettings(tx);
  if (!input.requirePasswords && !(await isDemoStore(tx)))
    throw new AppFailure('validation', 'Passwords can be made optional only in a store of demo data.', [
      { path: ['requirePasswords'], message: 'Every profile needs a password in a store with real data' },
    ]);
  const settings: TrustSettings = {
    requirePasswords: input.requirePasswords,
    autoLockMinutes: input.autoLockMinutes,
    sessionHours: input.sessionHours ?? before.sessionHours,
  };
  await writeTrustSettings(tx, settings, actor.now);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'settings',
    entityId: 'trust',
    summary: 'Sign-in and lock settings changed',
    before,
    after: settings,
  });
  return readTrustSettings(tx);
}

/** Whether a profile without a password is refused (a store with real data always; a demo store
 * when its setting says so). */
export async function passwordsRequired(db: Db): Promise<boolean> {
  return (await readTrustSettings(db)).requirePasswords;
}
