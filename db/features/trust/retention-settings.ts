// How long the programme keeps records nothing else sets a date for, and how long backups taken
// before an erasure may keep the erased people: kept in the settings table, changed by an
// administrator (audited).
import type { RetentionSettings } from '../../../shared/contract/trust.contract';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = { defaultRetentionYears: 6, erasedBackupDays: 35 };
const KEY = 'retention.settings';

export async function readRetentionSettings(db: Db): Promise<RetentionSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_RETENTION_SETTINGS };
  try {
    const stored = JSON.parse(row.value_json) as Partial<RetentionSettings>;
    const whole = (v: unknown, fallback: number) =>
      typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
    return {
      defaultRetentionYears: whole(stored.defaultRetentionYears, DEFAULT_RETENTION_SETTINGS.defaultRetentionYears),
      erasedBackupDays: whole(stored.erasedBackupDays, DEFAULT_RETENTION_SETTINGS.erasedBackupDays),
    };
  } catch {
    return { ...DEFAULT_RETENTION_SETTINGS };
  }
}

export async function saveRetentionSettings(
  tx: Tx,
  settings: RetentionSettings,
  actor: { staffId: number | null; now: string },
): Promise<RetentionSettings> {
  const before = await readRetentionSettings(tx);
  const value = JSON.stringify(settings);
  await tx
    .insertInto('settings')
    .values({ key: KEY, value_json: value, updated_at: actor.now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value, updated_at: actor.now }))
    .execute();
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'settings',
    entityId: 'retention',
    summary: 'Retention settings changed',
    before,
    after: settings,
  });
  return readRetentionSettings(tx);
}
