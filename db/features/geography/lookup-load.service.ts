// Loads a geography file as a new version, in short transactions so the app keeps answering: a
// version row ('loading'), the rows in batches, then the switch (the new version in use, the old
// one replaced) in one transaction, then the old rows removed and everyone's geography worked out
// again. Each transaction leaves an audit row. A cancelled or failed load removes its own rows and
// is marked failed; the version in use is untouched until the switch.
import type { Db, Tx } from '../../store/schema';
import type { JobControl } from '../../backend/jobs';
import { JobCancelled } from '../../backend/jobs';
import { appendAudit } from '../audit/audit.repository';
import {
  lookupKindLabels,
  parseTerminated,
  type DetectedFile,
  type LookupKind,
} from '../../../shared/domain/geography';
import { normalisePostcode } from '../../../shared/domain/identifiers';
import type { LookupFile } from './lookup-file';
import {
  currentOf,
  deleteVersionRows,
  insertDeprivation,
  insertNames,
  insertPostcodes,
  insertVersion,
  updateVersion,
  type PostcodeRow,
} from './geography.repository';
import { lookupLabel } from './resolution';
import { recomputeEveryone, type RecomputeResult } from './recompute.service';

export type Transact = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export interface LoadRun {
  db: Db;
  transact: Transact;
  staffId: number | null;
  now(): string;
  today(): string;
  job?: JobControl;
}

export interface LoadResult {
  versionId: number;
  kind: LookupKind;
  label: string;
  rows: number;
  /** Rows left out (no postcode, a decile outside 1-10, …). */
  skipped: number;
  replaced: number[];
  recomputed: RecomputeResult | null;
}

/** Rows per transaction: big enough to load quickly, small enough that other requests wait < 1 s. */
const BATCH = 20_000;
const DELETE_BATCH = 50_000;

/** ONS writes a pseudo code (E99999999, L99999999) where an area does not apply. */
const code = (v: string | undefined) => {
  const t = (v ?? '').trim().toUpperCase();
  return t && !/^[A-Z]9{8}$/.test(t) ? t : null;
};

type Parsed =
  | { kind: 'postcodes'; row: PostcodeRow }
  | { kind: 'deprivation'; row: { lsoa_code: string; imd_rank: number; imd_decile: number } }
  | { kind: 'names'; row: { code: string; name: string } };

function parseRow(d: Exclude<DetectedFile, { kind: 'unknown' }>, cells: string[]): Parsed | null {
  switch (d.kind) {
    case 'postcodes': {
      const c = d.columns;
      const postcode = normalisePostcode(cells[c.postcode] ?? '');
      if (!postcode) return null;
      return {
        kind: 'postcodes',
        row: {
          postcode,
          la_code: code(cells[c.la]),
          ward_code: code(cells[c.ward]),
          lsoa11: c.lsoa11 === null ? null : code(cells[c.lsoa11]),
          lsoa21: c.lsoa21 === null ? null : code(cells[c.lsoa21]),
          terminated: parseTerminated(cells[c.terminated]),
        },
      };
    }
    case 'deprivation': {
      const c = d.columns;
      const lsoa = code(cells[c.lsoa]);
      const rank = Number((cells[c.rank] ?? '').replace(/,/g, ''));
      const decile = Number(cells[c.decile]);
      if (!lsoa || !Number.isInteger(rank) || rank < 1 || !Number.isInteger(decile) || decile < 1 || decile > 10)
        return null;
      return { kind: 'deprivation', row: { lsoa_code: lsoa, imd_rank: rank, imd_decile: decile } };
    }
    case 'names': {
      const c = d.columns;
      const areaCode = code(cells[c.code]);
      const name = (cells[c.name] ?? '').trim();
      return areaCode && name ? { kind: 'names', row: { code: areaCode, name: name.slice(0, 200) } } : null;
    }
  }
}

async function insertBatch(tx: Tx, kind: LookupKind, versionId: number, batch: Parsed[]): Promise<void> {
  if (kind === 'postcodes')
    await insertPostcodes(
      tx,
      versionId,
      batch.flatMap((p) => (p.kind === 'postcodes' ? [p.row] : [])),
    );
  else if (kind === 'deprivation')
    await insertDeprivation(
      tx,
      versionId,
      batch.flatMap((p) => (p.kind === 'deprivation' ? [p.row] : [])),
    );
  else
    await insertNames(
      tx,
      versionId,
      batch.flatMap((p) => (p.kind === 'names' ? [p.row] : [])),
    );
}

/** Removes every row of a version, a transaction (and an audit row) per batch. */
async function removeRows(run: LoadRun, kind: LookupKind, versionId: number, why: string): Promise<void> {
  for (;;) {
    const removed = await run.transact(async (tx) => {
      const n = await deleteVersionRows(tx, kind, versionId, DELETE_BATCH);
      if (n)
        await appendAudit(tx, run.now(), run.staffId, {
          action: 'delete',
          entity: 'geography_file',
          entityId: versionId,
          summary: `Removed ${n.toLocaleString('en-GB')} rows of ${lookupKindLabels[kind].toLowerCase()} version ${versionId} (${why})`,
        });
      return n;
    });
    if (removed < DELETE_BATCH) return;
  }
}

export async function loadLookupFile(
  run: LoadRun,
  file: LookupFile,
  source: { fileName: string; fileDate: string },
): Promise<LoadResult> {
  const d = file.detected;
  if (d.kind === 'unknown') throw new Error(d.message);
  const kind = d.kind;
  const what = lookupKindLabels[kind].toLowerCase();
  const label = lookupLabel({ format: d.format, file_date: source.fileDate });

  const versionId = await run.transact(async (tx) => {
    const id = await insertVersion(tx, {
      kind,
      format: d.format,
      file_name: source.fileName,
      file_date: source.fileDate,
      file_sha256: null,
      lsoa_vintage: d.kind === 'deprivation' ? d.vintage : null,
      status: 'loading',
      loaded_at: run.now(),
      loaded_by: run.staffId,
      message: null,
    });
    await appendAudit(tx, run.now(), run.staffId, {
      action: 'import',
      entity: 'geography_file',
      entityId: id,
      summary: `Started loading ${source.fileName} as the ${what} (${label})`,
      after: { kind, format: d.format, fileName: source.fileName, fileDate: source.fileDate },
    });
    return id;
  });

  let rows = 0;
  let skipped = 0;
  try {
    let batch: Parsed[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const pending = batch;
      batch = [];
      const from = rows + 1;
      await run.transact(async (tx) => {
        await insertBatch(tx, kind, versionId, pending);
        await appendAudit(tx, run.now(), run.staffId, {
          action: 'import',
          entity: 'geography_file',
          entityId: versionId,
          summary: `Loaded rows ${from.toLocaleString('en-GB')}–${(rows + pending.length).toLocaleString('en-GB')} of ${source.fileName}`,
        });
      });
      rows += pending.length;
      run.job?.throwIfCancelled();
      await run.job?.progress(
        file.bytesRead(),
        file.size,
        `${lookupKindLabels[kind]}: ${rows.toLocaleString('en-GB')} rows loaded`,
      );
    };
    for await (const cells of file.rows()) {
      const parsed = parseRow(d, cells);
      if (!parsed) {
        skipped++;
        continue;
      }
      batch.push(parsed);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (rows === 0)
      throw new Error(`"${source.fileName}" has a header row but no rows Worksbook could read, so nothing was loaded.`);
  } catch (error) {
    file.close();
    const message = error instanceof JobCancelled ? 'Cancelled' : error instanceof Error ? error.message : 'Failed';
    await removeRows(run, kind, versionId, 'load stopped');
    await run.transact(async (tx) => {
      await updateVersion(tx, versionId, { status: 'failed', row_count: 0, message });
      await appendAudit(tx, run.now(), run.staffId, {
        action: 'import',
        entity: 'geography_file',
        entityId: versionId,
        summary: `Loading ${source.fileName} stopped: ${message}. The ${what} in use is unchanged.`,
      });
    });
    throw error;
  }

  // The switch: from here on, lookups read the new version.
  const replaced = await run.transact(async (tx) => {
    const old = await currentOf(tx, kind, d.format);
    for (const v of old) await updateVersion(tx, v.id, { status: 'replaced' });
    await updateVersion(tx, versionId, {
      status: 'current',
      row_count: rows,
      message: skipped ? `${skipped.toLocaleString('en-GB')} rows left out (no usable code or value)` : null,
    });
    await tx
      .updateTable('geo_lookup_versions')
      .set({ file_sha256: file.sha256() })
      .where('id', '=', versionId)
      .execute();
    await appendAudit(tx, run.now(), run.staffId, {
      action: 'import',
      entity: 'geography_file',
      entityId: versionId,
      summary:
        `${source.fileName} (${label}, ${rows.toLocaleString('en-GB')} rows) is now the ${what} in use` +
        (old.length ? `; it replaces ${old.map((v) => lookupLabel(v)).join(', ')}` : ''),
      before: old.length ? { versions: old.map((v) => v.id) } : undefined,
      after: { version: versionId, rows, skipped },
    });
    return old.map((v) => v.id);
  });
  for (const id of replaced) await removeRows(run, kind, id, 'replaced by a newer file');

  // Names change only what is shown; a directory or deprivation file changes where people live.
  const recomputed = kind === 'names' ? null : await recomputeEveryone(run, `after loading ${label}`);
  return { versionId, kind, label, rows, skipped, replaced, recomputed };
}
