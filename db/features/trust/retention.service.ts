// Retention: each funding stream has a date until which records are kept, and where none does the
// programme keeps them a default period after the last activity (retention.repository.ts); people
// past it appear on a worklist and are anonymised in one transaction. An administrator may also
// erase one person on request before that, with a reason, unless a submitted return needs the
// record (the public-task exemption, below). What anonymising does to each column is the
// personal-data registry's (db/store/tables/personal-data.ts): it keeps what published totals are
// built from (outcome types and dates, coded monitoring fields, age band at start, dates as their
// month, the postcode district where enough anonymised people share it) and erases or generalises
// everything that identifies the person. With secure_delete on, the erased values are overwritten
// in the file; the WAL is checkpointed afterwards so no old page copy lingers there either.
// Personal data in the (append-only) audit log is crypto-shredded: the registry deletes the
// person's audit key (see audit/audit-crypto.ts); backups taken before are deleted once the
// erasure is older than the retention setting's limit (backup.service.ts).
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { ErasureCheck } from '../../../shared/contract/trust.contract';
import { postcodeDistrict } from '../../../shared/domain/identifiers';
import { ageBandAtStart } from '../../../shared/domain/age-band';
import type { Db, Tx } from '../../store/schema';
import {
  anonymousReference,
  columnRules,
  mentioningTables,
  participantTables,
  type ColumnRetention,
  type MentionStep,
  type TableName,
} from '../../store/tables/personal-data';
import { appendAudit } from '../audit/audit.repository';
import { findParticipant } from '../participants/participants.repository';
import {
  anonymisedGroupSizes,
  deletePersonRows,
  deleteUnused,
  eraseUndoKeptLabels,
  mergedRecordsOf,
  personByReference,
  reachedKeys,
  unanonymisedMergedInto,
  updatePersonRows,
} from './person-rows.repository';
import {
  findStreamRetention,
  submittedReturnsCounting,
  updateStreamRetention,
  worklistQuery,
  type RetentionRule,
} from './retention.repository';
import { purgeParticipantSearchTrace } from '../../store/dialect';

/** Sets how long a funding stream's records are kept. */
export async function setRetainUntil(
  tx: Tx,
  id: number,
  retainUntil: string | null,
  at: string,
  staffId: number | null,
): Promise<void> {
  const before = await findStreamRetention(tx, id);
  if (!before) throw new AppFailure('not-found', 'That funding stream does not exist.');
  await updateStreamRetention(tx, id, retainUntil);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'funding_stream',
    entityId: id,
    summary: `Retention date of ${before.name} changed`,
    before: { retain_until: before.retain_until },
    after: { retain_until: retainUntil },
  });
}

/** What anonymising writes into one column of the person's rows, or undefined to leave it. */
function anonymisedValue(rule: ColumnRetention, column: string, id: number): unknown {
  if (rule === 'keep') return undefined;
  if (rule === 'erase') return null;
  if (rule === 'anonymous-reference') return anonymousReference(id);
  if ('replace' in rule) return rule.replace;
  // A date kept as the first of its month, a moment as midnight UTC of that day (the same
  // expressions in SQLite and PostgreSQL).
  if (rule.generalise === 'month')
    return sql`case when length(${sql.ref(column)}) > 10 then substr(${sql.ref(column)}, 1, 7) || '-01T00:00:00.000Z'
      else substr(${sql.ref(column)}, 1, 7) || '-01' end`;
  if (rule.generalise === 'small-groups') return undefined; // decided for the whole batch (below)
  return null; // kept only as the coarser value written into another column (below)
}

/** The coarser value a generalised column leaves in another column (district, age band at start). */
function generalised(rule: ColumnRetention, row: Record<string, unknown>, column: string): [string, unknown] | null {
  if (typeof rule !== 'object' || !('into' in rule)) return null;
  const value = row[column];
  if (rule.generalise === 'district')
    return [rule.into, row[rule.into] ?? (typeof value === 'string' ? postcodeDistrict(value) : null)];
  const start = row.start_date;
  return [
    rule.into,
    row[rule.into] ??
      ageBandAtStart(typeof value === 'string' ? value : null, typeof start === 'string' ? start : null),
  ];
}

/** Steps for tables that only mention people (named in the registry). */
const mentionSteps: Record<MentionStep, (tx: Tx, id: number) => Promise<void>> = {
  // An undone import lists the records it left alone, labelled "reference first last".
  'import-undo-labels': (tx, id) => eraseUndoKeptLabels(tx, id),
};

/** Applies the registry's column rules of `table` to the rows of `ids` (the person's rows of a table
 * whose rows are kept). On the participants table, `row` supplies what generalised columns keep. */
async function anonymiseColumns(tx: Tx, table: TableName, ids: number[], set: Record<string, unknown> = {}) {
  for (const [column, rule] of Object.entries(columnRules(table))) {
    const value = anonymisedValue(rule.retention, column, ids[0]!);
    if (value !== undefined) set[column] = value;
  }
  await updatePersonRows(tx, table, ids, set);
}

/** Import undo data of records an undo removed: what the import wrote and replaced, as anonymising
 * leaves it (the record is gone, so nothing would ever anonymise it later). */
export async function eraseRemovedUndoData(tx: Tx, participantIds: number[]): Promise<void> {
  if (participantIds.length) await anonymiseColumns(tx, 'import_batch_rows', participantIds);
}

/** Erases one person (and any records merged into them) as the personal-data registry says. Runs
 * inside the caller's transaction. The postcode district is decided for the whole batch afterwards
 * (`generaliseSmallGroups`). */
export async function anonymiseParticipant(tx: Tx, id: number, nowIso: string): Promise<void> {
  const ids = [id];
  // Rows reached through others' rows (evidence files) are found before those rows lose the link.
  const reached = new Map<TableName, unknown[]>();
  for (const t of participantTables())
    if (t.retention === 'delete-when-unused') reached.set(t.table, await reachedKeys(tx, t.table, ids));

  for (const t of participantTables()) {
    if (t.retention === 'delete-rows') {
      await deletePersonRows(tx, t.table, ids);
      continue;
    }
    if (t.retention !== 'columns') continue;
    const set: Record<string, unknown> = {};
    if (t.table === 'participants') {
      const row = await findParticipant(tx, id);
      if (!row) throw new AppFailure('not-found', 'That participant does not exist.');
      for (const [column, rule] of Object.entries(t.columns)) {
        const into = generalised(rule.retention, row, column);
        if (into) set[into[0]] = into[1];
      }
      // A record merged into this person stays 'merged' so that counts (which skip merged records)
      // do not start counting it as a person of its own. A new version: an open form, an undo of a
      // merge or of an import cannot put old values back.
      Object.assign(set, {
        status: row.status === 'merged' ? 'merged' : 'anonymised',
        updated_at: nowIso,
        version: sql`version + 1`,
      });
    }
    await anonymiseColumns(tx, t.table, ids, set);
  }
  for (const [table, keys] of reached) await deleteUnused(tx, table, keys);
  for (const step of mentioningTables()) await mentionSteps[step](tx, id);

  for (const merged of await unanonymisedMergedInto(tx, id)) await anonymiseParticipant(tx, merged, nowIso);
}

/** For the people just anonymised: each column kept only in groups (the postcode district) is
 * erased where fewer than k anonymised people share its value and the values of the columns it
 * goes with. Counted after the whole batch is anonymised, so people anonymised together count for
 * each other; earlier people who kept theirs were in a group of k then, and still are. */
async function generaliseSmallGroups(tx: Tx, ids: number[]): Promise<void> {
  for (const [column, rule] of Object.entries(columnRules('participants'))) {
    const r = rule.retention;
    if (typeof r !== 'object' || !('generalise' in r) || r.generalise !== 'small-groups') continue;
    const groups = await anonymisedGroupSizes(tx, column, r.sharing, ids);
    const small = groups.filter((g) => g.size < r.k).flatMap((g) => g.ids);
    // Records merged into them are no one's group (counts skip merged records): theirs goes too.
    const merged = await mergedRecordsOf(tx, ids);
    for (const chosen of [small, merged])
      if (chosen.length) await updatePersonRows(tx, 'participants', chosen, { [column]: null });
  }
}

/** Refuses unless every one of `ids` is on the worklist (their retention period is over). */
export async function checkAnonymisable(db: Db, ids: number[], rule: RetentionRule): Promise<void> {
  const due = await worklistQuery(db, rule).select('p.id').where('p.id', 'in', ids).execute();
  if (due.length !== ids.length) {
    throw new AppFailure(
      'conflict',
      'Some of the chosen people are not past their retention date (or are already anonymised); nothing was changed.',
    );
  }
}

/** Anonymises each of `ids` (checked with `checkAnonymisable`) in the caller's transaction. */
export async function anonymise(tx: Tx, ids: number[], nowIso: string, staffId: number | null): Promise<void> {
  for (const id of ids) {
    await anonymiseParticipant(tx, id, nowIso);
    await appendAudit(tx, nowIso, staffId, {
      action: 'anonymise',
      entity: 'participant',
      entityId: id,
      summary: 'Participant anonymised: past their retention date',
    });
  }
  await generaliseSmallGroups(tx, ids);
  // The quick-search index still holds the old names and identifiers in its segments.
  await purgeParticipantSearchTrace(tx);
}

/** Whether the person can be erased on request now, and if not, why. */
export async function checkErasure(db: Db, reference: string, rule: RetentionRule): Promise<ErasureCheck> {
  const person = await personByReference(db, reference);
  if (!person) throw new AppFailure('not-found', `There is no participant ${reference.trim().toUpperCase()}.`);
  if (person.status === 'anonymised' || person.status === 'merged')
    throw new AppFailure(
      'conflict',
      person.status === 'merged'
        ? `${person.reference} was merged into another record: erase that record instead.`
        : `${person.reference} is already anonymised.`,
    );
  const due = !!(await worklistQuery(db, rule).select('p.id').where('p.id', '=', person.id).executeTakeFirst());
  const mergedIds = await db.selectFrom('participants').select('id').where('merged_into_id', '=', person.id).execute();
  const returns = due ? [] : await submittedReturnsCounting(db, [person.id, ...mergedIds.map((m) => m.id)]);
  const named = returns
    .slice(0, 3)
    .map((r) => `${r.setName} ${r.periodLabel}`)
    .join('; ');
  const blocked = returns.length
    ? `${person.reference} is counted in ${returns.length} submitted return${returns.length === 1 ? '' : 's'} ` +
      `(${named}${returns.length > 3 ? '; …' : ''}). The record is kept to evidence that public funding ` +
      'claim, which the funder may audit until the funding stream’s retention date. The right to erasure does ' +
      'not apply to data the council needs to carry out a task in the public interest (UK GDPR Article 17(3)(b), ' +
      'the “public task” exemption): tell the person this, and that the record will be anonymised when its ' +
      'retention date has passed (it then appears on the retention worklist). Meanwhile you can restrict its use, ' +
      'for example by recording that they have left.'
    : null;
  return { id: person.id, reference: person.reference, name: `${person.first_name} ${person.last_name}`, due, blocked };
}

/** Erases one person on request (the same anonymisation), with the reason in the audit log. */
export async function eraseOnRequest(
  tx: Tx,
  id: number,
  reason: string,
  rule: RetentionRule,
  actor: { staffId: number | null; now: string },
): Promise<string> {
  const person = await findParticipant(tx, id);
  if (!person) throw new AppFailure('not-found', 'That participant does not exist.');
  const check = await checkErasure(tx, person.reference, rule);
  if (check.blocked) throw new AppFailure('conflict', check.blocked);
  await anonymiseParticipant(tx, id, actor.now);
  // Not about the person (no participant id): the entry outlives their audit key, so the erasure
  // itself stays on record. The reason should not name them (the form says so).
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'erase',
    entity: 'participant',
    entityId: id,
    summary: `Participant erased on request (${check.due ? 'retention period already over' : 'before their retention date'})`,
    after: { reason },
  });
  await generaliseSmallGroups(tx, [id]);
  await purgeParticipantSearchTrace(tx);
  return anonymousReference(id);
}
