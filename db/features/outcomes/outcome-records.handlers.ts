// Handlers for outcomes: lookups for forms, the participant picker, the grid and its export,
// one outcome, recording and changing an outcome, verification decisions and outcome types.
import { AppFailure } from '../../../shared/result';
import { duplicateOutcomeMessage } from '../../../shared/domain/outcome-rules';
import { labelFor, sectors, verificationStatuses } from '../../../shared/domain/outcome-lists';
import type { OutcomeGridRow } from '../../../shared/contract/outcomes-schemas';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { XlsxColumn } from '../export/xlsx-writer';
import { recordOutcomeOnce } from './outcome-writer';
import { allOutcomes, findParticipants, pageOutcomes } from './outcomes.repository';
import { getOutcomeDetail } from './outcome-detail';
import { checkLinks } from './references';
import { exportView } from './grid-export';
import { dataChanged, mustFind } from './handler-helpers';

const exportColumns: XlsxColumn<OutcomeGridRow>[] = [
  { header: 'Reference', type: 'text', width: 12, value: (r) => r.participantRef },
  { header: 'Participant', type: 'text', width: 24, value: (r) => r.participantName },
  { header: 'Outcome', type: 'text', width: 28, value: (r) => r.typeLabel },
  { header: 'Date', type: 'date', width: 12, value: (r) => r.outcomeDate },
  { header: 'Employer', type: 'text', width: 28, value: (r) => r.employerName },
  { header: 'Contract', type: 'text', width: 28, value: (r) => r.contractName },
  { header: 'Sector', type: 'text', width: 20, value: (r) => labelFor(sectors, r.sector) },
  { header: 'Hours a week', type: 'number', value: (r) => r.hoursPerWeek },
  { header: '16+ hours', type: 'boolean', value: (r) => r.isSixteenPlus },
  {
    header: 'Verification',
    type: 'text',
    width: 14,
    value: (r) => labelFor(verificationStatuses, r.verificationStatus),
  },
  { header: 'Verified by', type: 'text', width: 18, value: (r) => r.verifiedByName },
  { header: 'Verified on', type: 'date', width: 12, value: (r) => r.verifiedAt },
  { header: 'Evidence items', type: 'integer', value: (r) => r.evidenceCount },
  { header: 'Source', type: 'text', width: 12, value: (r) => r.source },
];

async function outcomeType(tx: Tx, code: string) {
  return tx.selectFrom('outcome_types').selectAll().where('code', '=', code).executeTakeFirst();
}

async function refuseDuplicate(
  tx: Tx,
  participantId: number,
  type: string,
  date: string,
  exceptId?: number,
): Promise<void> {
  const clash = await tx
    .selectFrom('outcomes')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('outcome_type', '=', type)
    .where('outcome_date', '=', date)
    .executeTakeFirst();
  if (clash && clash.id !== exceptId) {
    const label = (await outcomeType(tx, type))?.label ?? type;
    const message = duplicateOutcomeMessage(label, date);
    throw new AppFailure('conflict', message, [{ path: ['outcomeDate'], message }]);
  }
}

export const outcomeRecordsHandlers = defineHandlers({
  async 'outcomes.lookups'(_input, ctx) {
    const organisations = await ctx.db
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'sector', 'is_active'])
      .orderBy('name')
      .execute();
    const contracts = await ctx.db
      .selectFrom('social_value_contracts')
      .select(['id', 'name'])
      .orderBy('name')
      .execute();
    const types = await ctx.db.selectFrom('outcome_types').selectAll().orderBy('sort_order').orderBy('label').execute();
    const staff = await ctx.db
      .selectFrom('staff')
      .select(['id', 'display_name'])
      .where('is_active', '=', 1)
      .orderBy('display_name')
      .execute();
    return {
      organisations: organisations.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        sector: o.sector,
        isActive: o.is_active === 1,
      })),
      contracts,
      outcomeTypes: types.map((t) => ({
        code: t.code,
        label: t.label,
        category: t.category,
        isActive: t.is_active === 1,
        sortOrder: t.sort_order,
      })),
      staff: staff.map((s) => ({ id: s.id, name: s.display_name })),
      today: todayIso(ctx.clock),
    };
  },

  async 'outcomes.findParticipants'(input, ctx) {
    return findParticipants(ctx.db, input.search, input.id);
  },

  async 'outcomes.page'(input, ctx) {
    return pageOutcomes(ctx.db, input, todayIso(ctx.clock));
  },

  async 'outcomes.export'(input, ctx) {
    return exportView(ctx, {
      entity: 'outcome',
      title: 'Outcomes',
      fileStem: 'outcomes',
      query: input,
      columns: exportColumns,
      rows: allOutcomes(ctx.db, input, todayIso(ctx.clock)),
    });
  },

  async 'outcomes.get'(input, ctx) {
    return mustFind(await getOutcomeDetail(ctx.db, input.id, todayIso(ctx.clock)), 'That outcome does not exist.');
  },

  async 'outcomes.record'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const id = await ctx.db.transaction().execute(async (tx) => {
      const type = await outcomeType(tx, input.outcomeType);
      if (!type || type.is_active !== 1)
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['outcomeType'], message: 'Choose the type of outcome from the list' },
        ]);
      if (type.category === 'sustainment') {
        throw new AppFailure('validation', 'Some details need correcting.', [
          {
            path: ['outcomeType'],
            message: 'Record sustainment from the sustainment worklist, so it is linked to the job start',
          },
        ]);
      }
      if (input.outcomeDate > todayIso(ctx.clock))
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['outcomeDate'], message: 'An outcome cannot be dated in the future' },
        ]);
      await checkLinks(tx, input);
      await refuseDuplicate(tx, input.participantId, input.outcomeType, input.outcomeDate);
      const result = await recordOutcomeOnce(tx, at, ctx.staffId, { ...input, source: 'manual' });
      return result.id;
    });
    dataChanged(ctx);
    return { id };
  },

  async 'outcomes.update'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('outcomes').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!before) throw new AppFailure('not-found', 'That outcome does not exist.');
      await checkLinks(tx, input);
      await refuseDuplicate(tx, before.participant_id, before.outcome_type, input.outcomeDate, before.id);
      const values = {
        outcome_date: input.outcomeDate,
        employer_org_id: input.employerOrgId,
        course_run_id: input.courseRunId,
        contract_id: input.contractId,
        placement_id: input.placementId,
        sector: input.sector,
        hours_per_week: input.hoursPerWeek,
        apprenticeship_standard: input.apprenticeshipStandard,
        apprenticeship_level: input.apprenticeshipLevel,
        qualification_title: input.qualificationTitle,
        notes: input.notes,
      };
      const diff = changedFields(before, values);
      if (!Object.keys(diff.after).length) return;
      await tx
        .updateTable('outcomes')
        .set({ ...values, updated_at: at })
        .where('id', '=', input.id)
        .execute();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'update',
        entity: 'outcome',
        entityId: input.id,
        participantId: before.participant_id,
        summary: `Outcome ${before.outcome_type} changed`,
        ...diff,
      });
    });
    dataChanged(ctx);
    return { ok: true as const };
  },

  async 'outcomes.verify'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('outcomes').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!before) throw new AppFailure('not-found', 'That outcome does not exist.');
      const values = {
        verification_status: input.status,
        verified_by: ctx.staffId,
        verified_at: at,
        verification_reason: input.reason,
      };
      await tx
        .updateTable('outcomes')
        .set({ ...values, updated_at: at })
        .where('id', '=', input.id)
        .execute();
      const from = labelFor(verificationStatuses, before.verification_status);
      const to = labelFor(verificationStatuses, input.status);
      await appendAudit(tx, at, ctx.staffId, {
        action: 'verify',
        entity: 'outcome',
        entityId: input.id,
        participantId: before.participant_id,
        summary: `Verification ${from} → ${to}${input.reason ? `: ${input.reason}` : ''}`,
        before: {
          verification_status: before.verification_status,
          verified_by: before.verified_by,
          verified_at: before.verified_at,
          verification_reason: before.verification_reason,
        },
        after: values,
      });
    });
    dataChanged(ctx);
    return { ok: true as const };
  },

  async 'outcomes.saveType'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await outcomeType(tx, input.code);
      const values = { label: input.label, category: input.category, is_active: input.isActive ? 1 : 0 };
      if (before) {
        if (
          before.category !== input.category &&
          ['job_start', 'apprenticeship_start', 'sustained_13_weeks', 'sustained_26_weeks'].includes(before.code)
        ) {
          throw new AppFailure('validation', 'Some details need correcting.', [
            { path: ['category'], message: 'The category of a built-in type the app counts by cannot change' },
          ]);
        }
        await tx.updateTable('outcome_types').set(values).where('code', '=', input.code).execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'update',
          entity: 'outcome_type',
          entityId: input.code,
          summary: `Outcome type ${input.label} changed`,
          ...changedFields(before, values),
        });
      } else {
        const max = await tx
          .selectFrom('outcome_types')
          .select((eb) => eb.fn.max('sort_order').as('m'))
          .executeTakeFirst();
        const row = { code: input.code, ...values, sort_order: Number(max?.m ?? 0) + 1 };
        await tx.insertInto('outcome_types').values(row).execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'create',
          entity: 'outcome_type',
          entityId: input.code,
          summary: `Outcome type ${input.label} added`,
          after: row,
        });
      }
    });
    dataChanged(ctx);
    return { ok: true as const };
  },
});
