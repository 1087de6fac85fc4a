// The geography area's use cases besides loading files: what is loaded and how people resolve
// (Settings shows it), and the "local" setting, whose change re-evaluates everyone.
import type { Db, Tx } from '../../store/schema';
import type { LookupVersion } from '../../../shared/contract/geography.contract';
import { geoStatusLabels, normaliseLocalAuthorities, type GeoStatus } from '../../../shared/domain/geography';
import type { LookupVersionRow } from '../../store/tables/geography.tables';
import { appendAudit } from '../audit/audit.repository';
import { loadDistricts, refreshEveryone } from '../participants/eligibility.service';
import {
  areaNames,
  countLocal,
  countStale,
  currentVersions,
  geoStatusCounts,
  localAuthoritiesIn,
  recentVersions,
  writeLocalAreasSetting,
} from './geography.repository';
import { loadGeographyContext, loadLocalAuthorities, lookupLabel } from './resolution';

function versionView(v: LookupVersionRow & { loadedBy?: string | null }): LookupVersion {
  return {
    id: v.id,
    kind: v.kind,
    format: v.format,
    fileName: v.file_name,
    fileDate: v.file_date,
    label: lookupLabel(v),
    lsoaVintage: v.lsoa_vintage,
    rowCount: v.row_count,
    status: v.status,
    loadedAt: v.loaded_at,
    loadedBy: v.loadedBy ?? null,
    message: v.message,
  };
}

export async function geographyStatus(db: Db) {
  const history = await recentVersions(db);
  const current = await currentVersions(db);
  const byId = new Map(history.map((v) => [v.id, v]));
  const view = (v: LookupVersionRow) => versionView({ ...v, loadedBy: byId.get(v.id)?.loadedBy ?? null });
  const postcodes = current.find((v) => v.kind === 'postcodes') ?? null;
  const deprivation = current.find((v) => v.kind === 'deprivation') ?? null;
  const local = await loadLocalAuthorities(db);
  const inDirectory = postcodes ? await localAuthoritiesIn(db, postcodes.id) : [];
  const names = await areaNames(db, [...local, ...inDirectory.map((a) => a.code)]);
  return {
    postcodes: postcodes ? view(postcodes) : null,
    deprivation: deprivation ? view(deprivation) : null,
    names: current.filter((v) => v.kind === 'names').map(view),
    history: history.map(versionView),
    localAuthorities: local.map((code) => ({ code, name: names.get(code) ?? null })),
    authoritiesInDirectory: inDirectory.map((a) => ({ ...a, name: names.get(a.code) ?? null })),
    people: (await geoStatusCounts(db)).map((r) => ({
      status: r.status ?? 'unresolved',
      label: r.status ? (geoStatusLabels[r.status as GeoStatus] ?? r.status) : 'Not worked out yet',
      count: r.n,
    })),
    stale: await countStale(db, postcodes?.id ?? null, deprivation?.id ?? null),
  };
}

/** Sets which local authorities are "local" and re-evaluates everyone against them, audited. */
export async function setLocalAuthorities(
  tx: Tx,
  codes: string[],
  actor: { staffId: number | null; now: string; today: string },
): Promise<{ codes: string[]; recalculated: number; local: number }> {
  const before = await loadLocalAuthorities(tx);
  const saved = normaliseLocalAuthorities(codes);
  await writeLocalAreasSetting(tx, JSON.stringify(saved), actor.now);
  const recalculated = await refreshEveryone(tx, actor.today, {
    districts: await loadDistricts(tx),
    geo: await loadGeographyContext(tx),
  });
  const names = await areaNames(tx, saved);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'setting',
    entityId: 'geography.localAuthorities',
    summary: `Local area set to ${saved.map((c) => names.get(c) ?? c).join(', ')}`,
    before: { localAuthorities: before },
    after: { localAuthorities: saved },
  });
  return { codes: saved, recalculated, local: await countLocal(tx) };
}
