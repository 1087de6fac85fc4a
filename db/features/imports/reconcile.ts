// Reconciles a partner's file for a period against our records: in both and agree, in both and
// differ (field by field), theirs not ours, ours not theirs (within the partner's scope and the
// period), and rows we cannot be sure about. Differences can be accepted into our records
// (audited, the partner named as source) and the whole exported as a workbook to send back.
import type { Db, Tx } from '../../store/schema';
import type { JobControl } from '../../backend/jobs';
import { AppFailure } from '../../../shared/result';
import { plural } from '../../../shared/domain/labels';
import { tableOf } from '../../../shared/domain/import-sheet';
import { typeRows } from '../../../shared/domain/import-rows';
import { fieldOf, type ImportProfile } from '../../../shared/domain/import-profile';
import { formatUkDate } from '../../../shared/domain/dates';
import { normaliseNi, normalisePostcode, phoneDigits, postcodeDistrict } from '../../../shared/domain/identifiers';
import { writeXlsx } from '../export/xlsx-writer';
import { appendAudit, type AuditEntry } from '../audit/audit.repository';
import { findParticipant } from '../participants/participants.repository';
import {
  findOutcomeDate,
  rowById,
  setColumnsById,
  setOutcomeDate,
  updateParticipantColumns,
} from './imports.repository';
import { refreshSiteReady } from '../courses/course-outcomes';
import { loadSiteReadyRule } from '../courses/site-ready.repository';
import type { ReconcilePatch } from './import-state';
import { appendAuditMany } from './bulk-audit';
import { diffFields, loadLookups, participantColumns, storeCodes } from './import-plan';
import { compareCourseRow, comparePlacementRow, oursNotTheirs } from './reconcile-courses';
import { outcomesInPeriod, outcomesOfType, participantsReferred } from './import-plan.repository';
import { displayName, fileFinder, loadNotDuplicatePairs, matchPerson } from './import-preview';
import type { ImportSource } from './import-source';
import type { ReconcileItem, ReconcileState } from './import-state';
import { nameSoundColumns } from '../participants/name-sounds';

const identity = Object.fromEntries(participantColumns.map((c) => [c, c]));

/** The outcome whose date is nearest `date` (the first one listed on a tie or an unreadable date). */
function nearestByDate<T extends { outcome_date: string }>(outcomes: T[], date: string): T | undefined {
  const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  const distance = (o: T) => Math.abs(day(o.outcome_date) - day(date));
  let best: T | undefined;
  for (const o of outcomes) if (!best || distance(o) < distance(best)) best = o;
  return best;
}

export async function buildReconciliation(
  db: Db,
  source: ImportSource,
  sheet: string,
  profile: ImportProfile,
  from: string | null,
  to: string | null,
  job?: JobControl,
): Promise<Omit<ReconcileState, 'id'>> {
  const table = tableOf(source.readSheet(sheet), profile.headerRow);
  const lookups = await loadLookups(db);
  const { rows } = typeRows(table, profile, source.date1904, storeCodes(lookups));
  const notDuplicates = await loadNotDuplicatePairs(db);
  const items: ReconcileItem[] = [];
  const errors: ReconcileState['errors'] = [];
  const find = await fileFinder(
    db,
    rows.filter((r) => !r.problems.length).map((r) => r.values),
  );
  const seen = new Set<number>();
  const runsInFile = new Set<number>();
  const identical = new Set<string>();
  const dateField = {
    participants: 'referral_date',
    outcomes: 'outcome_date',
    enrolments: 'course_start',
    results: 'course_start',
    placements: 'starts_on',
  }[profile.kind];
  const inPeriod = (d: unknown) =>
    (!from || (typeof d === 'string' && d >= from)) && (!to || (typeof d === 'string' && d <= to));
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    if (i % 250 === 0) {
      job?.throwIfCancelled();
      await job?.progress(i, rows.length, 'Comparing rows');
    }
    if (t.problems.length) {
      for (const p of t.problems) errors.push({ rowNumber: t.rowNumber, column: p.column, message: p.message });
      continue;
    }
    if (t.values[dateField] !== undefined && !inPeriod(t.values[dateField])) continue;
    // A row pasted twice is the same record: compared once.
    const signature = JSON.stringify(Object.entries(t.values).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (identical.has(signature)) continue;
    identical.add(signature);
    const base = {
      id: items.length + 1,
      rowNumber: t.rowNumber,
      name: displayName(t.values),
      differences: [],
      accepted: [] as string[],
      patches: {},
    };
    const verdict = await matchPerson(find, t.values, notDuplicates);
    if (verdict.matchId === null) {
      // The likeliest person of an unsure row is not also listed as "ours, not theirs".
      if (verdict.review && verdict.candidates[0])
        seen.add(profile.kind === 'participants' ? verdict.candidates[0].id : -1);
      items.push({
        ...base,
        status: verdict.review ? 'unsure' : 'theirs_only',
        participantId: null,
        entityId: null,
        reference: null,
        detail: verdict.review ?? 'Not in our records',
      });
      continue;
    }
    const ours = await findParticipant(db, verdict.matchId);
    if (!ours) throw new AppFailure('not-found', 'A matched participant no longer exists.');
    if (profile.kind === 'enrolments' || profile.kind === 'results' || profile.kind === 'placements') {
      const compared =
        profile.kind === 'placements'
          ? await comparePlacementRow(db, t.values, ours.id, seen)
          : await compareCourseRow(db, profile, t.values, ours.id, lookups, { enrolments: seen, runs: runsInFile });
      items.push({ ...base, ...compared, participantId: ours.id, reference: ours.reference });
      continue;
    }
    if (profile.kind === 'participants') {
      seen.add(ours.id);
      const diffs = diffFields('participants', ours, t.values, identity);
      items.push({
        ...base,
        status: diffs.length ? 'differ' : 'agree',
        participantId: ours.id,
        entityId: ours.id,
        reference: ours.reference,
        detail: diffs.length
          ? diffs.map((d) => `${d.label}: ours ${d.from ?? '(blank)'}, theirs ${d.to}`).join('; ')
          : 'Agrees',
        differences: diffs.map((d) => ({ field: d.field, label: d.label, ours: d.from, theirs: d.to })),
      });
      continue;
    }
    const type = String(t.values.outcome_type),
      date = String(t.values.outcome_date);
    const same = nearestByDate(await outcomesOfType(db, ours.id, type), date);
    if (same) seen.add(same.id);
    const differ = same && same.outcome_date !== date;
    items.push({
      ...base,
      status: !same ? 'theirs_only' : differ ? 'differ' : 'agree',
      participantId: ours.id,
      entityId: same?.id ?? null,
      reference: ours.reference,
      detail: !same
        ? `No ${type} outcome for ${ours.reference} in our records`
        : differ
          ? `Outcome date: ours ${formatUkDate(same.outcome_date)}, theirs ${formatUkDate(date)}`
          : 'Agrees',
      differences: differ
        ? [
            {
              field: 'outcome_date',
              label: 'Outcome date',
              ours: formatUkDate(same.outcome_date),
              theirs: formatUkDate(date),
            },
          ]
        : [],
    });
  }
  // Ours not theirs: our records in the partner's scope and the period that the file lacks.
  if (profile.kind === 'enrolments' || profile.kind === 'results' || profile.kind === 'placements') {
    for (const item of await oursNotTheirs(db, profile, lookups, { from, to }, seen, runsInFile))
      items.push({ ...item, id: items.length + 1 });
  } else if (profile.kind === 'participants') {
    const referralSource = profile.scope.referralSource ?? profile.defaults.referral_source;
    for (const p of await participantsReferred(db, { referralSource, from, to })) {
      if (seen.has(p.id)) continue;
      items.push({
        id: items.length + 1,
        status: 'ours_only',
        rowNumber: null,
        participantId: p.id,
        entityId: p.id,
        reference: p.reference,
        name: `${p.first_name} ${p.last_name}`,
        detail: `Referred ${formatUkDate(p.referral_date)}; not in the partner's file`,
        differences: [],
        accepted: [],
        patches: {},
      });
    }
  } else {
    const types = [
      ...new Set(
        rows
          .map((r) => r.values.outcome_type)
          .filter(Boolean)
          .map(String),
      ),
    ];
    const employerId = profile.scope.employer
      ? lookups.organisations.get(profile.scope.employer.toLowerCase().replace(/[^a-z0-9]+/g, '_'))
      : undefined;
    for (const o of await outcomesInPeriod(db, { types, employerOrgId: employerId, from, to })) {
      if (seen.has(o.id)) continue;
      items.push({
        id: items.length + 1,
        status: 'ours_only',
        rowNumber: null,
        participantId: o.participant_id,
        entityId: o.id,
        reference: o.reference,
        name: `${o.first_name} ${o.last_name}`,
        detail: `${o.outcome_type} on ${formatUkDate(o.outcome_date)}; not in the partner's file`,
        differences: [],
        accepted: [],
        patches: {},
      });
    }
  }
  await job?.progress(rows.length, rows.length, 'Reconciliation ready');
  return { source, sheet: table.sheet, profile, from, to, items, errors };
}

/** Puts the partner's values for the chosen fields into our records, in the caller's
 * transaction, audited with the partner named as the source. */
export async function acceptDifferences(
  tx: Tx,
  state: ReconcileState,
  picks: Array<{ id: number; fields: string[] }>,
  at: string,
  staffId: number | null,
  today?: string,
): Promise<{ updated: number; fields: number }> {
  const audit: AuditEntry[] = [];
  let updated = 0,
    fieldCount = 0;
  const lookups = await loadLookups(tx);
  const { rows } = typeRows(
    tableOf(state.source.readSheet(state.sheet), state.profile.headerRow),
    state.profile,
    state.source.date1904,
    storeCodes(lookups),
  );
  const byRow = new Map(rows.map((r) => [r.rowNumber, r.values]));
  const touched = new Set<number>();
  for (const pick of picks) {
    const item = state.items.find((i) => i.id === pick.id);
    if (!item || item.status !== 'differ' || item.entityId === null || item.rowNumber === null)
      throw new AppFailure('validation', `Row ${pick.id} has no differences to accept.`, [
        { path: ['items'], message: 'Only rows that differ can be accepted' },
      ]);
    const theirs = byRow.get(item.rowNumber)!;
    const fields = pick.fields.filter((f) => item.differences.some((d) => d.field === f) && !item.accepted.includes(f));
    if (!fields.length) continue;
    if (
      state.profile.kind === 'enrolments' ||
      state.profile.kind === 'results' ||
      state.profile.kind === 'placements'
    ) {
      const cannot = fields.filter((f) => !item.patches[f]);
      if (cannot.length)
        throw new AppFailure(
          'validation',
          `${item.name}: we hold no ${cannot.map((f) => item.differences.find((d) => d.field === f)!.label).join(', ')} ` +
            'to correct; import the file to add it.',
          [{ path: ['items'], message: 'Only values we hold can be replaced by theirs' }],
        );
      for (const f of fields) {
        const patch = item.patches[f]!;
        const before = await applyPatch(tx, patch, at);
        if (patch.table !== 'placements') touched.add(patch.participantId);
        audit.push({
          action: 'update',
          entity: patch.table.replace(/s$/, ''),
          entityId: patch.id,
          participantId: patch.participantId,
          summary:
            `${item.differences.find((d) => d.field === f)!.label} taken from ${state.profile.partner} ` +
            `(reconciliation of "${state.source.fileName}")`,
          before,
          after: patch.set,
        });
      }
    } else if (state.profile.kind === 'participants') {
      const current = await findParticipant(tx, item.entityId);
      if (!current) throw new AppFailure('not-found', 'That participant does not exist.');
      const set: Record<string, unknown> = {};
      const before: Record<string, unknown> = {};
      for (const f of fields) {
        let v = String(theirs[f]);
        if (f === 'ni_number') v = normaliseNi(v);
        if (f === 'postcode') v = normalisePostcode(v) ?? v;
        set[f] = v;
        before[f] = current[f as keyof typeof current];
      }
      if (set.postcode) set.postcode_district = postcodeDistrict(String(set.postcode));
      if (set.phone) set.phone_digits = phoneDigits(String(set.phone));
      Object.assign(set, nameSoundColumns(set));
      await updateParticipantColumns(tx, item.entityId, {
        ...set,
        version: current.version + 1,
        updated_at: at,
        updated_by: staffId,
      });
      audit.push({
        action: 'update',
        entity: 'participant',
        entityId: item.entityId,
        participantId: item.entityId,
        summary:
          `${fields.map((f) => fieldOf('participants', f)?.label ?? f).join(', ')} of ${current.reference} taken from ` +
          `${state.profile.partner} (reconciliation of "${state.source.fileName}")`,
        before,
        after: set,
      });
    } else {
      const current = await findOutcomeDate(tx, item.entityId);
      if (!current) throw new AppFailure('not-found', 'That outcome does not exist.');
      const date = String(theirs.outcome_date);
      await setOutcomeDate(tx, item.entityId, date, at);
      audit.push({
        action: 'update',
        entity: 'outcome',
        entityId: item.entityId,
        participantId: current.participant_id,
        summary: `Outcome date taken from ${state.profile.partner} (reconciliation of "${state.source.fileName}")`,
        before: { outcome_date: current.outcome_date },
        after: { outcome_date: date },
      });
    }
    item.accepted.push(...fields);
    updated++;
    fieldCount += fields.length;
  }
  await appendAuditMany(tx, at, staffId, audit);
  // Corrected CSCS facts may make people site ready: the rule is applied to them.
  if (touched.size)
    await refreshSiteReady(tx, at, today ?? at.slice(0, 10), staffId, [...touched], await loadSiteReadyRule(tx));
  return { updated, fields: fieldCount };
}

/** Writes a patch's columns (placements also get updated_at); returns what they held. */
async function applyPatch(tx: Tx, patch: ReconcilePatch, at: string): Promise<Record<string, unknown>> {
  const current = await rowById(tx, patch.table, patch.id);
  if (!current) throw new AppFailure('not-found', 'That record no longer exists.');
  const before = Object.fromEntries(Object.keys(patch.set).map((k) => [k, current[k] ?? null]));
  await setColumnsById(
    tx,
    patch.table,
    patch.id,
    patch.table === 'placements' ? { ...patch.set, updated_at: at } : patch.set,
  );
  return before;
}

export async function recordReconciliationExport(
  tx: Tx,
  state: ReconcileState,
  at: string,
  staffId: number | null,
): Promise<void> {
  await appendAudit(tx, at, staffId, {
    action: 'export',
    entity: 'reconciliation',
    summary: `Reconciliation with ${state.profile.partner} of "${state.source.fileName}" exported (${plural(state.items.length, 'row')})`,
  });
}

const statusLabel: Record<string, string> = {
  agree: 'In both, agree',
  differ: 'In both, differ',
  theirs_only: 'Theirs, not ours',
  ours_only: 'Ours, not theirs',
  unsure: 'Possible match (check)',
};

export async function exportReconciliation(state: ReconcileState): Promise<Uint8Array> {
  const c = (s: string) => state.items.filter((i) => i.status === s).length;
  const period = `${state.from ? formatUkDate(state.from) : 'the start'} to ${state.to ? formatUkDate(state.to) : 'today'}`;
  type Diff = {
    ref: string | null;
    row: number | null;
    name: string;
    label: string;
    ours: string | null;
    theirs: string;
    accepted: boolean;
  };
  const diffs: Diff[] = state.items.flatMap((i) =>
    i.differences.map((d) => ({
      ref: i.reference,
      row: i.rowNumber,
      name: i.name,
      label: d.label,
      ours: d.ours,
      theirs: d.theirs,
      accepted: i.accepted.includes(d.field),
    })),
  );
  const summary = [
    ['In both, agree', c('agree')],
    ['In both, differ', c('differ')],
    ['Theirs, not ours', c('theirs_only')],
    ['Ours, not theirs', c('ours_only')],
    ['Possible match (check)', c('unsure')],
    ['Rows with errors', state.errors.length],
  ] as Array<[string, number]>;
  return writeXlsx(
    [
      {
        name: 'Summary',
        preamble: [`Reconciliation with ${state.profile.partner}`, `File: ${state.source.fileName}; period ${period}`],
        columns: [
          { header: 'Result', type: 'text', width: 28, value: (r: [string, number]) => r[0] },
          { header: 'Rows', type: 'integer', value: (r: [string, number]) => r[1] },
        ],
        rows: summary,
      },
      {
        name: 'Differences',
        columns: [
          { header: 'Our reference', type: 'text', value: (r: Diff) => r.ref },
          { header: 'Their row', type: 'integer', value: (r: Diff) => r.row },
          { header: 'Name', type: 'text', width: 24, value: (r: Diff) => r.name },
          { header: 'Field', type: 'text', width: 18, value: (r: Diff) => r.label },
          { header: 'Ours', type: 'text', width: 20, value: (r: Diff) => r.ours },
          { header: 'Theirs', type: 'text', width: 20, value: (r: Diff) => r.theirs },
          { header: 'We accepted theirs', type: 'boolean', value: (r: Diff) => r.accepted },
        ],
        rows: diffs,
      },
      ...(['theirs_only', 'ours_only', 'unsure', 'agree'] as const).map((status) => ({
        name: statusLabel[status]!,
        columns: [
          { header: 'Our reference', type: 'text' as const, value: (r: ReconcileItem) => r.reference },
          { header: 'Their row', type: 'integer' as const, value: (r: ReconcileItem) => r.rowNumber },
          { header: 'Name', type: 'text' as const, width: 24, value: (r: ReconcileItem) => r.name },
          { header: 'Detail', type: 'text' as const, width: 50, value: (r: ReconcileItem) => r.detail },
        ],
        rows: state.items.filter((i) => i.status === status),
      })),
      {
        name: 'Errors',
        columns: [
          { header: 'Their row', type: 'integer', value: (r: { rowNumber: number }) => r.rowNumber },
          { header: 'Column', type: 'text', width: 20, value: (r: { column: string }) => r.column },
          { header: 'Problem', type: 'text', width: 60, value: (r: { message: string }) => r.message },
        ],
        rows: state.errors,
      },
    ],
    { title: `Reconciliation with ${state.profile.partner}` },
  );
}
