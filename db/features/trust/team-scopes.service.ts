// Organisation scopes from the app (Settings → Team database, administrators, team mode only):
// which participants each partner organisation's staff see, everyone or only the people it
// referred. The server enforces it by row-level security (db/store/postgres/team-scopes.ts); a
// change here is the same statement as `cli team scope`, in the request's transaction, audited.
import { AppFailure } from '../../../shared/result';
import { labelOf, referralSources } from '../../../shared/domain/reference-lists';
import type { Db, Tx } from '../../store/schema';
import { readServerScopes, writeServerScope } from '../../store/team-roles';
import { storeKindOf } from '../../store/dialect';
import { appendAudit } from '../audit/audit.repository';

/** Employers and contractors are not partners whose staff sign in. */
const NOT_PARTNERS = ['employer', 'contractor'] as const;

export async function teamScopesView(db: Db) {
  const teamMode = storeKindOf(db) === 'postgres';
  const scopes = teamMode ? await readServerScopes(db) : null;
  const byOrganisation = new Map((scopes ?? []).map((s) => [s.organisationId, s]));
  const organisations = teamMode
    ? await db
        .selectFrom('organisations')
        .select(['id', 'name', 'kind', 'is_active'])
        .where('kind', 'not in', NOT_PARTNERS)
        .orderBy('name')
        .execute()
    : [];
  return {
    teamMode,
    setUp: scopes !== null,
    organisations: organisations
      .filter((o) => o.is_active === 1 || byOrganisation.has(o.id))
      .map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        sees: byOrganisation.get(o.id)?.sees ?? null,
        referralSource: byOrganisation.get(o.id)?.referralSource ?? null,
      })),
  };
}

const describe = (scope: { sees: 'all' | 'referred'; referralSource: string | null } | undefined) =>
  !scope
    ? 'no one yet'
    : scope.sees === 'all'
      ? 'all participants'
      : `only the people referred by ${labelOf(referralSources, scope.referralSource ?? '')}`;

export async function setTeamScope(
  tx: Tx,
  actor: { staffId: number | null; now: string },
  input: { organisationId: number; sees: 'all' | 'referred'; referralSource: string | null },
): Promise<{ ok: true }> {
  const organisation = await tx
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  if (!organisation) throw new AppFailure('not-found', 'That organisation does not exist.');
  const before = (await readServerScopes(tx))?.find((s) => s.organisationId === organisation.id);
  const scope =
    input.sees === 'all'
      ? { sees: 'all' as const }
      : { sees: 'referred' as const, referralSource: input.referralSource ?? '' };
  try {
    await writeServerScope(tx, organisation.id, scope);
  } catch (error) {
    if (error instanceof Error && error.name === 'TeamMigrateRefused') throw new AppFailure('conflict', error.message);
    throw error;
  }
  const after = { sees: input.sees, referralSource: input.sees === 'referred' ? input.referralSource : null };
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'organisation_scope',
    entityId: organisation.id,
    summary: `${organisation.name}'s staff see ${describe(after)} (was ${describe(before)})`,
    before: before ? { sees: before.sees, referralSource: before.referralSource } : null,
    after,
  });
  return { ok: true };
}
