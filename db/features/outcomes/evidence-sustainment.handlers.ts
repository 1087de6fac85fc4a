// Handlers for evidence (add with an optional file, open the file, remove) and the sustainment
// worklist (list, and record a 13- or 26-week check, which creates the sustained outcome).
import { AppFailure } from '../../../shared/result';
import {
  SUSTAINABLE_OUTCOME_TYPES,
  SUSTAINMENT_OUTCOME_TYPE,
  sustainedOnProblem,
  sustainmentSchedule,
} from '../../../shared/domain/outcome-rules';
import { formatUkDate } from '../../../shared/domain/dates';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { recordOutcomeOnce } from './outcome-writer';
import { addEvidenceItem, readEvidenceFile, removeEvidenceItem, storeEvidenceFile } from './evidence.repository';
import { sustainmentWorklist } from './sustainment.repository';
import { dataChanged } from './handler-helpers';

async function checkSeenBy(tx: Tx, seenBy: number | null): Promise<void> {
  if (seenBy === null) return;
  const s = await tx.selectFrom('staff').select('id').where('id', '=', seenBy).executeTakeFirst();
  if (!s)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['seenBy'], message: 'Choose who saw the evidence from the list' },
    ]);
}

export const evidenceSustainmentHandlers = defineHandlers({
  async 'evidence.add'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const result = await ctx.db.transaction().execute(async (tx) => {
      const outcome = await tx
        .selectFrom('outcomes')
        .select(['id', 'participant_id'])
        .where('id', '=', input.outcomeId)
        .executeTakeFirst();
      if (!outcome) throw new AppFailure('not-found', 'That outcome does not exist.');
      await checkSeenBy(tx, input.seenBy);
      if (input.receivedOn && input.receivedOn > todayIso(ctx.clock))
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['receivedOn'], message: 'The date received cannot be in the future' },
        ]);
      const file = input.file ? await storeEvidenceFile(tx, at, input.file, 'file') : null;
      const id = await addEvidenceItem(tx, at, ctx.staffId, {
        outcomeId: outcome.id,
        participantId: outcome.participant_id,
        kind: input.kind,
        receivedOn: input.receivedOn,
        seenBy: input.seenBy,
        notes: input.notes,
        file,
      });
      return { id, sha256: file?.sha256 ?? null };
    });
    dataChanged(ctx);
    return result;
  },

  async 'evidence.file'(input, ctx) {
    const file = await readEvidenceFile(ctx.db, input.id);
    await appendAudit(ctx.db, ctx.clock.now().toISOString(), ctx.staffId, {
      action: 'view',
      entity: 'evidence_item',
      entityId: input.id,
      participantId: file.participantId,
      summary: `Evidence file opened (outcome #${file.outcomeId})`,
    });
    return { fileName: file.fileName, mime: file.mime, bytes: file.bytes };
  },

  async 'evidence.remove'(input, ctx) {
    await ctx.db
      .transaction()
      .execute((tx) => removeEvidenceItem(tx, ctx.clock.now().toISOString(), ctx.staffId, input.id, input.reason));
    dataChanged(ctx);
    return { ok: true as const };
  },

  async 'sustainment.worklist'(input, ctx) {
    return sustainmentWorklist(ctx.db, input.filter, input.search, todayIso(ctx.clock), input.limit);
  },

  async 'sustainment.record'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const today = todayIso(ctx.clock);
    const result = await ctx.db.transaction().execute(async (tx) => {
      const start = await tx
        .selectFrom('outcomes')
        .selectAll()
        .where('id', '=', input.startOutcomeId)
        .executeTakeFirst();
      if (!start) throw new AppFailure('not-found', 'That job start does not exist.');
      if (!(SUSTAINABLE_OUTCOME_TYPES as readonly string[]).includes(start.outcome_type))
        throw new AppFailure('validation', 'Sustainment checks follow job and apprenticeship starts only.');
      if (start.verification_status === 'rejected')
        throw new AppFailure('conflict', 'This job start was rejected, so it has no sustainment checks.');
      const done = await tx
        .selectFrom('sustainment_checks')
        .select(['checked_on'])
        .where('start_outcome_id', '=', start.id)
        .where('weeks', '=', input.weeks)
        .executeTakeFirst();
      if (done)
        throw new AppFailure(
          'conflict',
          `The ${input.weeks}-week check was already recorded on ${formatUkDate(done.checked_on)}.`,
        );
      if (input.checkedOn > today)
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['checkedOn'], message: 'The date of the check cannot be in the future' },
        ]);
      if (input.checkedOn < start.outcome_date)
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['checkedOn'], message: 'The check cannot be before the start' },
        ]);
      const schedule = sustainmentSchedule(start.outcome_date, input.weeks);
      let outcomeId: number | null = null;
      if (input.sustained) {
        const problem = sustainedOnProblem(schedule, input.sustainedOn!, input.checkedOn);
        if (problem)
          throw new AppFailure('validation', 'Some details need correcting.', [
            { path: ['sustainedOn'], message: problem },
          ]);
        const recorded = await recordOutcomeOnce(tx, at, ctx.staffId, {
          participantId: start.participant_id,
          outcomeType: SUSTAINMENT_OUTCOME_TYPE[input.weeks],
          outcomeDate: input.sustainedOn!,
          source: 'sustainment',
          sourceRef: `start:${start.id}:${input.weeks}`,
          parentOutcomeId: start.id,
          placementId: start.placement_id,
          employerOrgId: start.employer_org_id,
          contractId: start.contract_id,
          sector: start.sector,
          hoursPerWeek: start.hours_per_week,
          notes: input.notes,
        });
        outcomeId = recorded.id;
      }
      const check = {
        start_outcome_id: start.id,
        participant_id: start.participant_id,
        weeks: input.weeks,
        sustained: input.sustained ? 1 : 0,
        sustained_on: input.sustained ? input.sustainedOn : null,
        checked_on: input.checkedOn,
        outcome_id: outcomeId,
        notes: input.notes,
        created_at: at,
        created_by: ctx.staffId,
      };
      const row = await tx.insertInto('sustainment_checks').values(check).returning('id').executeTakeFirstOrThrow();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'create',
        entity: 'sustainment_check',
        entityId: row.id,
        participantId: start.participant_id,
        summary: `${input.weeks}-week check recorded: ${input.sustained ? `sustained (${formatUkDate(input.sustainedOn)})` : 'not sustained'}`,
        after: check,
      });
      if (input.evidenceKind) {
        const file = input.evidenceFile ? await storeEvidenceFile(tx, at, input.evidenceFile, 'evidenceFile') : null;
        await addEvidenceItem(tx, at, ctx.staffId, {
          outcomeId: outcomeId ?? start.id,
          participantId: start.participant_id,
          kind: input.evidenceKind,
          receivedOn: input.checkedOn,
          seenBy: ctx.staffId,
          notes: null,
          file,
        });
      }
      return { checkId: row.id, outcomeId };
    });
    dataChanged(ctx);
    return result;
  },
});
