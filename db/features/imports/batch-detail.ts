// One import batch as the batch page shows it: what it wrote, row by row (the first 500, in file
// order), each with the person it concerns, the values it replaced, and what an undo kept.
import { AppFailure } from '../../../shared/result';
import { formatUkDate } from '../../../shared/domain/dates';
import type { BatchDetail } from '../../../shared/contract/imports.contract';
import type { Db } from '../../store/schema';
import { findBatch, firstBatchRows, participantLabels } from './imports.repository';

/** Rows the page lists: a batch can write 50,000. */
const SHOWN = 500;

export async function batchDetail(db: Db, batchId: number): Promise<BatchDetail> {
  const b = await findBatch(db, batchId);
  if (!b) throw new AppFailure('not-found', 'That import batch does not exist.');
  const { rows, total } = await firstBatchRows(db, b.id, SHOWN);
  // Labelled by the person each row concerns (an outcome or enrolment row too), from the same rows
  // the page lists.
  const byId = await participantLabels(db, [
    ...new Set(rows.flatMap((r) => (r.participant_id === null ? [] : [r.participant_id]))),
  ]);
  const text = (v: unknown) =>
    v === null || v === undefined ? null : /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? formatUkDate(String(v)) : String(v);
  return {
    id: b.id,
    kind: b.kind,
    partner: b.partner,
    fileName: b.file_name,
    sheet: b.sheet,
    profileName: b.profile_name,
    at: b.at,
    staffName: b.staff_name,
    created: b.created_count,
    updated: b.updated_count,
    unchanged: b.unchanged_count,
    rejected: b.rejected_count,
    errors: b.error_count,
    undoneAt: b.undone_at,
    sha256: b.file_sha256,
    rowsInFile: b.rows_in_file,
    undoneByName: b.undone_by_name,
    kept: b.undo_kept_json ? JSON.parse(b.undo_kept_json) : [],
    rowsTotal: total,
    rows: rows.map((r) => {
      const after = JSON.parse(r.after_json) as Record<string, unknown>;
      const before = r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : {};
      return {
        id: r.id,
        rowNumber: r.row_number,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        participantId: r.participant_id !== null && byId.has(r.participant_id) ? r.participant_id : null,
        label: (r.participant_id !== null ? byId.get(r.participant_id) : undefined) ?? `${r.entity} ${r.entity_id}`,
        fields:
          r.action === 'updated'
            ? // The column's own name and the stored code: a viewer's copy is redacted by them
              // (special-category.ts); the window puts them into words (BatchPage).
              Object.keys(after).map((f) => ({ field: f, from: text(before[f]), to: text(after[f]) }))
            : [],
      };
    }),
  };
}
