// Commits an accepted preview as ONE transaction: new people by multi-row inserts, changed
// fields (never blanks), placements, enrolments, results and outcomes (through
// recordOutcomeOnce), the import batch with every row it wrote and the values it replaced,
// and the audit trail. Either all of it is in the store or none of it is.
import type { Insertable } from 'kysely';
import type { Tx } from '../../store/schema';
import type { NewParticipant } from '../../store/tables/participants.tables';
import type { ImportBatchRowsTable } from '../../store/tables/imports.tables';
import type { AuditEntry } from '../audit/audit.repository';
import type { JobControl } from '../../backend/jobs';
import { normaliseNi, normalisePostcode, phoneDigits, postcodeDistrict } from '../../../shared/domain/identifiers';
import { recordOutcomeOnce } from '../outcomes/outcome-writer';
import { appendAuditMany, AuditSealer } from './bulk-audit';
import {
  findPlacement,
  insertBatch,
  insertBatchRows,
  insertParticipants,
  insertPlacement,
  nextReferenceNumber,
  setBatchCounts,
  updateParticipantColumns,
  updatePlacement,
} from './imports.repository';
import { findParticipant } from '../participants/participants.repository';
import { participantColumns, type ParticipantColumn } from './import-plan';
import { isLiveParticipant } from './import-plan.repository';
import { createCourseRuns, writeCourseRow, type CourseCommit } from './import-commit-courses';
import { refreshSiteReady } from '../courses/course-outcomes';
import { loadSiteReadyRule } from '../courses/site-ready.repository';
import type { RunToCreate } from '../../../shared/contract/imports.contract';
import { eligibilityOfNew, loadEligibilitySettings, refreshEveryone } from '../participants/eligibility.service';
import { geographyOfNew, resolveParticipants } from '../geography/resolution';
import type { PreviewRowState, PreviewState } from './import-state';
import { nameSoundColumns } from '../participants/name-sounds';
import { formatUkDate } from '../../../shared/domain/dates';
import { mergeParticipantSearch, withParticipantIndexFilledOnce } from '../../store/dialect';
import { insertReferral } from '../participants/referrals.repository';

type BatchRow = Insertable<ImportBatchRowsTable>;

/** New people from which an import seals their audit entries in a worker thread: below it, the
 * worker's start costs more than sealing them here. */
const SEAL_IN_WORKER_FROM = 1_000;

export interface CommitResult {
  batchId: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: number;
  /** Course runs created from the file (enrolments and results with createCourseRuns). */
  createdRuns: Array<RunToCreate & { id: number }>;
}

export function participantFields(values: Record<string, string | number>): Partial<Record<ParticipantColumn, string>> {
  const out: Partial<Record<ParticipantColumn, string>> = {};
  for (const c of participantColumns) if (values[c] !== undefined && values[c] !== '') out[c] = String(values[c]);
  if (out.ni_number) out.ni_number = normaliseNi(out.ni_number);
  if (out.postcode) out.postcode = normalisePostcode(out.postcode) ?? out.postcode;
  return out;
}

/** Writes the accepted rows in the caller's transaction (the dispatcher took a checked backup
 * before it opened); a cancel throws and the whole import rolls back. */
export async function commitPreview(
  tx: Tx,
  preview: PreviewState,
  at: string,
  staffId: number | null,
  job?: JobControl,
  today: string = at.slice(0, 10),
): Promise<CommitResult> {
  const accepted = preview.rows.filter(
    (r) => r.decision === 'accept' && (r.status === 'new' || r.status === 'changed'),
  );
  const counts = {
    unchanged: preview.rows.filter((r) => r.status === 'unchanged').length,
    errors: preview.rows.filter((r) => r.status === 'error').length,
    rejected: preview.rows.filter((r) => r.decision === 'reject' && r.status !== 'unchanged' && r.status !== 'error')
      .length,
  };
  const p = preview.profile;
  let sealer: AuditSealer | undefined;
  try {
    const batchId = await insertBatch(tx, {
      kind: p.kind,
      partner: p.partner,
      file_name: preview.source.fileName,
      file_sha256: preview.source.sha256,
      sheet: preview.sheet,
      profile_name: p.name,
      profile_json: JSON.stringify(p),
      rows_in_file: preview.rows.length,
      created_count: 0,
      updated_count: 0,
      unchanged_count: counts.unchanged,
      rejected_count: counts.rejected,
      error_count: counts.errors,
      at,
      staff_id: staffId,
      undone_at: null,
      undone_by: null,
      undo_kept_json: null,
    });
    const batchRows: BatchRow[] = [];
    const audit: AuditEntry[] = [];
    let createdRuns: CommitResult['createdRuns'] = [];
    const source = `import #${batchId} from ${p.partner}`;
    let done = 0;
    const tick = async () => {
      if (++done % 500 === 0) {
        job?.throwIfCancelled();
        await job?.progress(
          done,
          accepted.length,
          `Saving row ${done.toLocaleString('en-GB')} of ${accepted.length.toLocaleString('en-GB')}`,
        );
      }
    };

    if (p.kind === 'participants') {
      const fresh = accepted.filter((r) => r.status === 'new');
      let ref = await nextReferenceNumber(tx);
      const fields = fresh.map((r) => participantFields(r.values));
      // Where the new people live and their eligibility, worked out before they are written, so
      // each is inserted once with them (not inserted "pending", then updated for their area
      // codes and again for their status: 50,000 wide rows and their indexes written three times).
      const settings = await loadEligibilitySettings(tx);
      const geography = await geographyOfNew(
        tx,
        fields.map((f) => f.postcode ?? null),
        settings.geo,
      );
      const derived = await eligibilityOfNew(
        tx,
        fields.map((f, k) => ({
          date_of_birth: f.date_of_birth ?? null,
          start_date: f.start_date ?? null,
          referral_date: f.referral_date ?? null,
          postcode: f.postcode ?? null,
          no_fixed_abode: 0,
          ...geography[k]!,
        })),
        settings,
        at.slice(0, 10),
      );
      // Onto the new row itself, not spread into a copy: 50,000 rows of 50 columns each.
      const values: NewParticipant[] = fields.map((f, k) =>
        Object.assign(newParticipant(f, `SW-${String(ref++).padStart(6, '0')}`, at, staffId), geography[k], derived[k]),
      );
      job?.throwIfCancelled();
      // The search index takes the new people in one step, not per row by trigger (migration 0305).
      // A large import's audit entries for its new people are sealed and chained in a worker
      // thread while the next people are inserted (bulk-audit.ts); a small one's, here, after.
      if (fresh.length >= SEAL_IN_WORKER_FROM) sealer = await AuditSealer.start(tx, at, staffId);
      const position = new Map(values.map((v, k) => [v.reference, k]));
      const ofFresh = fresh.length.toLocaleString('en-GB');
      let saved = 0;
      await withParticipantIndexFilledOnce(tx, () =>
        insertParticipants(tx, values, async (people) => {
          const entries: AuditEntry[] = [];
          // In file order (the order the rows were inserted), whatever order RETURNING gives.
          const inOrder = people.map((p) => ({ id: p.id, k: position.get(p.reference)! })).sort((a, b) => a.k - b.k);
          for (const { id, k } of inOrder) {
            // The same text in the undo row and (sealed) in the audit entry, written once.
            const afterJson = JSON.stringify(fields[k]);
            batchRows.push({
              batch_id: batchId,
              row_number: fresh[k]!.rowNumber,
              action: 'created',
              entity: 'participant',
              entity_id: id,
              participant_id: id,
              before_json: null,
              after_json: afterJson,
            });
            entries.push({
              action: 'create',
              entity: 'participant',
              entityId: id,
              participantId: id,
              summary: `Participant ${values[k]!.reference} created by ${source}`,
              afterJson,
            });
          }
          if (sealer) await sealer.add(tx, entries);
          else audit.push(...entries);
          // The bar moves as each statement's people are written (seconds for a large file), and
          // a cancel stops the insert here: the whole transaction then rolls back.
          saved += people.length;
          job?.throwIfCancelled();
          await job?.progress(
            done + saved,
            accepted.length,
            `Saving new people: ${saved.toLocaleString('en-GB')} of ${ofFresh}`,
          );
        }),
      );
      done += fresh.length;
      await job?.progress(done, accepted.length, `Saved ${done.toLocaleString('en-GB')} new people`);
      for (const r of accepted.filter((x) => x.status === 'changed')) {
        await updateParticipant(tx, r, at, staffId, batchId, source, batchRows, audit);
        await addImportedReferral(tx, r, at, staffId, batchId, source, batchRows, audit);
        await tick();
      }
      // Where the people changed live (one statement for all of them), then their eligibility,
      // which may rest on checks recorded since they were first written.
      const changed = batchRows.flatMap((b) =>
        b.entity === 'participant' && b.action === 'updated' ? [b.entity_id] : [],
      );
      if (changed.length) {
        await resolveParticipants(tx, changed, settings.geo);
        await refreshEveryone(tx, at.slice(0, 10), settings, changed);
      }
    } else if (p.kind === 'enrolments' || p.kind === 'results') {
      const c: CourseCommit = {
        tx,
        preview,
        at,
        today,
        staffId,
        batchId,
        source,
        batchRows,
        audit,
        runIds: new Map(),
        touched: new Set(),
      };
      createdRuns = await createCourseRuns(c);
      for (const r of accepted) {
        // Participants merged away or anonymised cannot take imported data.
        if (await isLiveParticipant(tx, r.matchId!)) await writeCourseRow(c, r);
        await tick();
      }
      // The site-ready rule is applied to everyone whose CSCS facts changed: their outcomes are
      // part of this batch, so an undo takes them back too.
      await refreshSiteReady(tx, at, today, staffId, [...c.touched], await loadSiteReadyRule(tx), (o) =>
        batchRows.push({
          batch_id: batchId,
          row_number: 0,
          action: 'created',
          entity: 'outcome',
          entity_id: o.id,
          participant_id: o.participantId,
          before_json: null,
          after_json: JSON.stringify({ outcome_type: 'site_ready', outcome_date: o.date }),
        }),
      );
    } else {
      for (const r of accepted) {
        await writeLinkedRow(tx, preview, r, at, staffId, batchId, source, batchRows, audit);
        await tick();
      }
    }
    await job?.progress(done, accepted.length, 'Recording the import for Undo and the audit trail');
    await insertBatchRows(tx, batchRows);
    const created = batchRows.filter((b) => b.action === 'created' && entityOfKind(p.kind) === b.entity).length;
    // A person updated, or referred again, or both: counted once.
    const updated = new Set(
      batchRows.filter((b) => b.action === 'updated' || b.entity === 'referral').map((b) => b.row_number),
    ).size;
    await setBatchCounts(tx, batchId, created, updated);
    // Many people written at once leave the search index in many pieces, each read by every search.
    if (p.kind === 'participants' && created + updated > 0) await mergeParticipantSearch(tx);
    audit.push({
      action: 'import',
      entity: 'import_batch',
      entityId: batchId,
      summary:
        `Imported "${preview.source.fileName}" (${p.kind}, ${p.partner}): ${created} new, ${updated} changed, ` +
        `${counts.unchanged} unchanged, ${counts.rejected} rejected, ${counts.errors} errors` +
        (createdRuns.length ? `, ${createdRuns.length} course runs created` : ''),
      after: { sha256: preview.source.sha256, profile: p.name },
    });
    await appendAuditMany(tx, at, staffId, audit, sealer);
    return {
      batchId,
      created,
      updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      errors: counts.errors,
      createdRuns,
    };
  } finally {
    sealer?.close();
  }
}

const entityOfKind = (kind: string) =>
  ({
    participants: 'participant',
    outcomes: 'outcome',
    placements: 'placement',
    enrolments: 'enrolment',
    results: 'enrolment',
  })[kind];

export function newParticipant(
  f: Partial<Record<ParticipantColumn, string>>,
  reference: string,
  at: string,
  staffId: number | null,
): NewParticipant {
  return {
    reference,
    status: 'active',
    merged_into_id: null,
    first_name: f.first_name!,
    last_name: f.last_name!,
    ...nameSoundColumns({ first_name: f.first_name, last_name: f.last_name }),
    preferred_name: null,
    date_of_birth: f.date_of_birth ?? null,
    ni_number: f.ni_number ?? null,
    ni_status: f.ni_number ? 'known' : 'not_yet_known',
    uln: f.uln ?? null,
    address_line1: f.address_line1 ?? null,
    address_line2: f.address_line2 ?? null,
    town: f.town ?? null,
    postcode: f.postcode ?? null,
    postcode_district: postcodeDistrict(f.postcode),
    phone: f.phone ?? null,
    phone_digits: phoneDigits(f.phone),
    email: f.email ?? null,
    preferred_contact: null,
    sex: null,
    gender_same_as_birth: null,
    ethnicity: null,
    disability: null,
    is_carer: null,
    is_lone_parent: null,
    labour_market_status: null,
    time_out_of_work: null,
    qualification_level: null,
    referral_source: f.referral_source ?? null,
    referral_date: f.referral_date ?? null,
    referrer_name: f.referrer_name ?? null,
    funding_stream_id: null,
    key_worker_id: null,
    start_date: f.start_date ?? null,
    leave_date: f.leave_date ?? null,
    privacy_notice_version: null,
    privacy_notice_date: null,
    consent_partners_json: null,
    lawful_basis_note: null,
    eligibility_status: 'pending',
    version: 1,
    created_at: at,
    created_by: staffId,
    updated_at: at,
    updated_by: staffId,
  };
}

/** Writes only the fields that differ now (re-read at commit), recording what they were. */
async function updateParticipant(
  tx: Tx,
  r: PreviewRowState,
  at: string,
  staffId: number | null,
  batchId: number,
  source: string,
  batchRows: BatchRow[],
  audit: AuditEntry[],
): Promise<void> {
  const id = r.matchId!;
  const current = await findParticipant(tx, id);
  if (!current || current.status === 'merged' || current.status === 'anonymised') return;
  const wanted = participantFields(r.values);
  const before: Record<string, string | null> = {};
  const after: Record<string, string> = {};
  for (const field of r.changes.map((c) => c.field) as ParticipantColumn[]) {
    const v = wanted[field];
    if (v === undefined || current[field] === v) continue;
    before[field] = current[field] as string | null;
    after[field] = v;
  }
  if (!Object.keys(after).length) return;
  const extra: Record<string, unknown> = {};
  if (after.postcode) extra.postcode_district = postcodeDistrict(after.postcode);
  if (after.phone) extra.phone_digits = phoneDigits(after.phone);
  if (after.ni_number) extra.ni_status = 'known';
  Object.assign(extra, nameSoundColumns(after));
  await updateParticipantColumns(tx, id, {
    ...after,
    ...extra,
    version: current.version + 1,
    updated_at: at,
    updated_by: staffId,
  });
  batchRows.push({
    batch_id: batchId,
    row_number: r.rowNumber,
    action: 'updated',
    entity: 'participant',
    entity_id: id,
    participant_id: id,
    before_json: JSON.stringify(before),
    after_json: JSON.stringify(after),
  });
  audit.push({
    action: 'update',
    entity: 'participant',
    entityId: id,
    participantId: id,
    summary: `Participant ${current.reference} updated by ${source}`,
    before,
    after,
  });
}

/** A person referred again (import-plan.ts): a new referral, which the batch's undo removes. */
async function addImportedReferral(
  tx: Tx,
  r: PreviewRowState,
  at: string,
  staffId: number | null,
  batchId: number,
  source: string,
  batchRows: BatchRow[],
  audit: AuditEntry[],
): Promise<void> {
  const referralDate = r.target.newReferral;
  if (typeof referralDate !== 'string' || r.matchId === null) return;
  const f = participantFields(r.values);
  const values = {
    participant_id: r.matchId,
    referral_date: referralDate,
    referral_source: f.referral_source ?? null,
    referrer_name: f.referrer_name ?? null,
    start_date: f.start_date && f.start_date >= referralDate ? f.start_date : null,
    notes: null,
    source: 'import' as const,
    import_batch_id: batchId,
    created_at: at,
    created_by: staffId,
  };
  const id = await insertReferral(tx, values);
  batchRows.push({
    batch_id: batchId,
    row_number: r.rowNumber,
    action: 'created',
    entity: 'referral',
    entity_id: id,
    participant_id: r.matchId,
    before_json: null,
    after_json: JSON.stringify(values),
  });
  audit.push({
    action: 'create',
    entity: 'participant_referral',
    entityId: id,
    participantId: r.matchId,
    summary: `Referred again on ${formatUkDate(referralDate)} (${source}); the first referral is kept`,
    after: values,
  });
}

async function writeLinkedRow(
  tx: Tx,
  preview: PreviewState,
  r: PreviewRowState,
  at: string,
  staffId: number | null,
  batchId: number,
  source: string,
  batchRows: BatchRow[],
  audit: AuditEntry[],
): Promise<void> {
  const pid = r.matchId!;
  // Participants merged away or anonymised cannot take imported data.
  if (!(await isLiveParticipant(tx, pid))) return;
  const v = r.values;
  const s = (k: string) => (v[k] === undefined ? null : String(v[k]));
  const n = (k: string) => (v[k] === undefined ? null : Number(v[k]));
  const t = r.target;
  const employerNote = s('employer') && t.employerOrgId == null ? `Employer: ${s('employer')}` : null;
  const ref = `${preview.source.fileName} row ${r.rowNumber}`;
  const kind = preview.profile.kind;
  if (kind === 'outcomes') {
    const notes = [s('notes'), employerNote].filter(Boolean).join('; ') || null;
    const o = await recordOutcomeOnce(tx, at, staffId, {
      participantId: pid,
      outcomeType: s('outcome_type')!,
      outcomeDate: s('outcome_date')!,
      source: 'import',
      sourceRef: `batch ${batchId}: ${ref}`,
      employerOrgId: (t.employerOrgId as number | null) ?? null,
      sector: s('sector'),
      hoursPerWeek: n('hours_per_week'),
      qualificationTitle: s('qualification_title'),
      notes,
    });
    if (o.created)
      batchRows.push({
        batch_id: batchId,
        row_number: r.rowNumber,
        action: 'created',
        entity: 'outcome',
        entity_id: o.id,
        participant_id: pid,
        before_json: null,
        after_json: JSON.stringify(v),
      });
    return;
  }
  if (kind === 'placements') {
    const ends = s('ends_on');
    const fields = {
      kind: (s('placement_kind') ?? 'work_experience') as 'work_experience',
      site: s('site') ?? employerNote,
      ends_on: ends,
      hours_per_week: n('hours_per_week'),
      supervisor: s('supervisor'),
      status: (s('placement_status') ?? (ends && ends < at.slice(0, 10) ? 'completed' : 'active')) as 'active',
    };
    if (t.placementId) {
      const id = t.placementId as number;
      const cur = await findPlacement(tx, id);
      const { before, after } = onlyChanged(
        cur,
        fields,
        r.changes.map(
          (c) =>
            (({ placement_kind: 'kind', placement_status: 'status' }) as Record<string, string>)[c.field] ?? c.field,
        ),
      );
      if (!Object.keys(after).length) return;
      await updatePlacement(tx, id, { ...after, updated_at: at });
      batchRows.push({
        batch_id: batchId,
        row_number: r.rowNumber,
        action: 'updated',
        entity: 'placement',
        entity_id: id,
        participant_id: pid,
        before_json: JSON.stringify(before),
        after_json: JSON.stringify(after),
      });
      audit.push({
        action: 'update',
        entity: 'placement',
        entityId: id,
        participantId: pid,
        summary: `Placement updated by ${source}`,
        before,
        after,
      });
      return;
    }
    const row = {
      participant_id: pid,
      employer_org_id: (t.employerOrgId as number | null) ?? null,
      contract_id: null,
      course_run_id: null,
      starts_on: s('starts_on')!,
      hourly_wage_pence: null,
      ended_reason: null,
      created_at: at,
      created_by: staffId,
      updated_at: at,
      ...fields,
    };
    const ins = await insertPlacement(tx, row);
    batchRows.push({
      batch_id: batchId,
      row_number: r.rowNumber,
      action: 'created',
      entity: 'placement',
      entity_id: ins.id,
      participant_id: pid,
      before_json: null,
      after_json: JSON.stringify(row),
    });
    audit.push({
      action: 'create',
      entity: 'placement',
      entityId: ins.id,
      participantId: pid,
      summary: `Placement created by ${source}`,
      after: row,
    });
    return;
  }
}

function onlyChanged(
  current: Record<string, unknown>,
  wanted: Record<string, unknown>,
  fields: string[],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f in wanted) || wanted[f] === null || wanted[f] === undefined || current[f] === wanted[f]) continue;
    before[f] = current[f] ?? null;
    after[f] = wanted[f];
  }
  return { before, after };
}
