// The trust area's settings, kept in the settings table: whether every profile needs a password
// and how long the window may sit idle before it locks.
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';

export interface TrustSettings {
  requirePasswords: boolean;
  autoLockMinutes: number;
}

export const DEFAULT_TRUST_SETTINGS: TrustSettings = { requirePasswords: false, autoLockMinutes: 15 };
const KEY = 'trust.settings';

export async function readTrustSettings(db: Db): Promise<TrustSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_TRUST_SETTINGS };
  try {
    const parsed = JSON.parse(row.value_json) as Partial<TrustSettings>;
    return {
      requirePasswords:
        typeof parsed.requirePasswords === 'boolean'
          ? parsed.requirePasswords
          : DEFAULT_TRUST_SETTINGS.requirePasswords,
      autoLockMinutes:
        typeof parsed.autoLockMinutes === 'number' ? parsed.autoLockMinutes : DEFAULT_TRUST_SETTINGS.autoLockMinutes,
    };
  } catch {
    return { ...DEFAULT_TRUST_SETTINGS };
  }
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
  settings: TrustSettings,
  actor: { staffId: number | null; now: string },
): Promise<TrustSettings> {
  const before = await readTrustSettings(tx);
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

/** Passwords are required once the setting is on or any active profile has one: from then on a
 * profile without a password cannot be used until a password is set for it. (One passworded
 * profile beside open ones would protect nothing: anyone could pick an open profile.) */
export async function passwordsRequired(db: Db): Promise<boolean> {
  if ((await readTrustSettings(db)).requirePasswords) return true;
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('is_active', '=', 1)
    .where('password_hash', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
