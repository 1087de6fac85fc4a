// Retention: each funding stream has a date until which records are kept; people who have left
// and whose stream's date has passed appear on a worklist, and are anonymised in one
// transaction. Anonymising keeps what published totals are built from (outcome types and dates,
// coded monitoring fields, postcode district, age band at start) and erases everything that
// identifies the person. With secure_delete on, the erased values are overwritten in the file;
// the WAL is checkpointed afterwards so no old page copy lingers there either. Personal data in
// the (append-only) audit log is crypto-shredded: see audit/audit-crypto.ts.
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { GridQuery } from '../../../shared/contract/common';
import type { RetentionRow } from '../../../shared/contract/trust.contract';
import { ageBandAtStart } from '../../../shared/domain/age-band';
import { todayIso } from '../../backend/clock';
import type { HandlerContext } from '../../backend/context';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { backupBefore } from './backup.service';
import { checkGridQuery, gridColumnRules } from '../grid/grid-query';
import { flushErasedPages, purgeParticipantSearchTrace } from '../../store/dialect';

/** The worklist keeps its own order (soonest past its date first): nothing to sort or filter by. */
const retentionGridColumns = gridColumnRules<RetentionRow>({});

function worklistQuery(tx: Tx, today: string) {
  return tx
    .selectFrom('participants as p')
    .innerJoin('funding_streams as f', 'f.id', 'p.funding_stream_id')
    .where('f.retain_until', 'is not', null)
    .where('f.retain_until', '<', today)
    .where('p.status', 'not in', ['anonymised', 'merged'])
    .where((eb) => eb.or([eb('p.status', '=', 'left'), eb('p.leave_date', 'is not', null)]));
}

export async function retentionWorklist(
  tx: Tx,
  today: string,
  query: GridQuery,
): Promise<{ rows: RetentionRow[]; total: number }> {
  checkGridQuery(query, retentionGridColumns);
  const rows = await worklistQuery(tx, today)
    .select([
      'p.id',
      'p.reference',
      'f.name as fundingStream',
      'f.retain_until as retainUntil',
      'p.leave_date as leaveDate',
    ])
    .orderBy('f.retain_until')
    .orderBy('p.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const total = await worklistQuery(tx, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function retentionStreams(tx: Tx, today: string) {
  const streams = await tx
    .selectFrom('funding_streams')
    .select(['id', 'code', 'name', 'retain_until'])
    .orderBy('name')
    .execute();
  const counts = await worklistQuery(tx, today)
    .select(['f.id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('f.id')
    .execute();
  const byStream = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return streams.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    retainUntil: s.retain_until,
    pastRetention: byStream.get(s.id) ?? 0,
  }));
}

const FREE_TEXT = /(note|notes|comment|comments|body|detail|details|reason|description|text)$/;
/** Identifiers of documents the person holds (CSCS card, certificate and test numbers). */
const DOCUMENT_NUMBER = /(_number|_reference)$/;
const ERASED_JSON = JSON.stringify({ erased: 'anonymised' });

/** Erases one person (and any records merged into them). Runs inside the caller's transaction. */
export async function anonymiseParticipant(tx: Tx, id: number, nowIso: string): Promise<void> {
  const p = await tx
    .selectFrom('participants')
    .select(['id', 'reference', 'status', 'date_of_birth', 'start_date', 'postcode', 'postcode_district'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  // The schema as it stands (Kysely reads it the same way on every dialect).
  const tables = (await tx.introspection.getTables()).filter((t) => !t.isView);
  const tableExists = (name: string) => tables.some((t) => t.name === name);
  const band = ageBandAtStart(p.date_of_birth, p.start_date);
  const district = p.postcode_district ?? (p.postcode ? p.postcode.trim().toUpperCase().split(/\s+/)[0]! : null);
  await tx
    .updateTable('participants')
    .set({
      reference: `ANON-${String(p.id).padStart(6, '0')}`,
      // A record merged into this person stays 'merged' so that counts (which skip merged
      // records) do not start counting it as a person of its own.
      status: p.status === 'merged' ? 'merged' : 'anonymised',
      first_name: 'Anonymised',
      last_name: 'Person',
      preferred_name: null,
      date_of_birth: null,
      ni_number: null,
      ni_status: 'not_yet_known',
      uln: null,
      address_line1: null,
      address_line2: null,
      town: null,
      postcode: null,
      postcode_district: district,
      phone: null,
      phone_digits: null,
      email: null,
      preferred_contact: null,
      referrer_name: null,
      consent_partners_json: null,
      lawful_basis_note: null,
      updated_at: nowIso,
      // A new version: an open form, an undo of a merge or of an import cannot put old values back.
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
  await sql`update participants set age_band_at_start = coalesce(age_band_at_start, ${band}) where id = ${id}`.execute(
    tx,
  );
  await tx.deleteFrom('participant_notes').where('participant_id', '=', id).execute();
  // Evidence files (outcomes area, migration 0030) are stored once per content hash and referenced
  // by evidence_items.file_sha256: the person's items lose their file, and each file no other
  // (not anonymised) item still uses is deleted.
  if (tableExists('evidence_files')) {
    const shas = await tx
      .selectFrom('evidence_items')
      .select('file_sha256')
      .distinct()
      .where('participant_id', '=', id)
      .where('file_sha256', 'is not', null)
      .execute();
    await tx
      .updateTable('evidence_items')
      .set({ file_sha256: null, file_mime: null, file_size: null, file_name: null })
      .where('participant_id', '=', id)
      .execute();
    for (const { file_sha256: sha } of shas) {
      const stillUsed = await tx
        .selectFrom('evidence_items')
        .select('id')
        .where('file_sha256', '=', sha)
        .limit(1)
        .executeTakeFirst();
      if (!stillUsed) await tx.deleteFrom('evidence_files').where('sha256', '=', sha!).execute();
    }
  }
  // Imported rows (imports area) keep what each import wrote and replaced, to show and undo it:
  // the values are erased; the rows stay so the batch's counts still add up.
  if (tableExists('import_batch_rows')) {
    await sql`update import_batch_rows set before_json = null, after_json = ${ERASED_JSON} where participant_id = ${id}`.execute(
      tx,
    );
  }
  // Stored merges (participants area) keep both records as they were, to undo the merge.
  if (tableExists('participant_merges')) {
    await sql`update participant_merges set snapshot_json = ${ERASED_JSON} where survivor_id = ${id} or merged_id = ${id}`.execute(
      tx,
    );
  }
  // Reasons given for missing a session (courses area) hang off the person's enrolments.
  if (tableExists('attendance')) {
    await sql`update attendance set reason = null where reason is not null and enrolment_id in (select id from enrolments where participant_id = ${id})`.execute(
      tx,
    );
  }
  // Free text anywhere else about the person (notes on outcomes, evidence, checks; tables other
  // areas add later) is cleared; coded values, types and dates stay for the totals.
  for (const { name, columns } of tables) {
    if (name === 'participants' || name === 'audit_log' || name === 'audit_keys') continue;
    if (!columns.some((c) => c.name === 'participant_id')) continue;
    const clear = columns.filter(
      (c) =>
        c.isNullable &&
        (FREE_TEXT.test(c.name) ||
          DOCUMENT_NUMBER.test(c.name) ||
          c.name === 'file_name' ||
          /blob|bytea/i.test(c.dataType)),
    );
    if (clear.length) {
      await sql`update ${sql.raw(`"${name}"`)} set ${sql.raw(clear.map((c) => `"${c.name}" = null`).join(', '))} where participant_id = ${id}`.execute(
        tx,
      );
    }
  }
  // Crypto-shred: without this key the person's audit entries can no longer be read.
  await tx.deleteFrom('audit_keys').where('participant_id', '=', id).execute();
  const merged = await tx
    .selectFrom('participants')
    .select('id')
    .where('merged_into_id', '=', id)
    .where('reference', 'not like', 'ANON-%')
    .execute();
  for (const m of merged) await anonymiseParticipant(tx, m.id, nowIso);
}

export async function anonymise(ctx: HandlerContext, ids: number[]): Promise<{ anonymised: number; backup: string }> {
  const today = todayIso(ctx.clock);
  const wanted = [...new Set(ids)];
  const due = await worklistQuery(ctx.db, today).select('p.id').where('p.id', 'in', wanted).execute();
  if (due.length !== wanted.length) {
    throw new AppFailure(
      'conflict',
      'Some of the chosen people are not past their retention date (or are already anonymised); nothing was changed.',
    );
  }
  const backup = await backupBefore(ctx, 'anonymise', ctx.staffId);
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    for (const id of wanted) {
      await anonymiseParticipant(tx, id, nowIso);
      await appendAudit(tx, nowIso, ctx.staffId, {
        action: 'anonymise',
        entity: 'participant',
        entityId: id,
        summary: 'Participant anonymised: past the retention date of their funding stream',
      });
    }
    // The quick-search index still holds the old names and identifiers in its segments.
    await purgeParticipantSearchTrace(tx);
  });
  // Fold the WAL (which held the old pages) into the file, where secure_delete zeroed them.
  await flushErasedPages(ctx.db);
  ctx.emit({ type: 'data-changed', areas: ['participants', 'outcomes', 'retention'] });
  return { anonymised: wanted.length, backup: backup.name };
}
