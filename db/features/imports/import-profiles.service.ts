// Saved import profiles (which columns of a partner's file mean what): saved by name, audited.
import { AppFailure } from '../../../shared/result';
import type { ImportProfile } from '../../../shared/domain/import-profile';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { deleteProfile, upsertProfile } from './imports.repository';

export async function saveImportProfile(
  tx: Tx,
  profile: ImportProfile,
  at: string,
  staffId: number | null,
): Promise<{ id: number; created: boolean }> {
  const saved = await upsertProfile(tx, at, staffId, {
    name: profile.name,
    partner: profile.partner,
    kind: profile.kind,
    json: JSON.stringify(profile),
  });
  await appendAudit(tx, at, staffId, {
    action: saved.created ? 'create' : 'update',
    entity: 'import_profile',
    entityId: saved.id,
    summary: `Import profile "${profile.name}" (${profile.partner}, ${profile.kind}) saved`,
    after: profile,
  });
  return saved;
}

export async function deleteImportProfile(tx: Tx, id: number, at: string, staffId: number | null): Promise<void> {
  if (!(await deleteProfile(tx, id))) throw new AppFailure('not-found', 'That profile does not exist.');
  await appendAudit(tx, at, staffId, {
    action: 'delete',
    entity: 'import_profile',
    entityId: id,
    summary: 'Import profile deleted',
  });
}
