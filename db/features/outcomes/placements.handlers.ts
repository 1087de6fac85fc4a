// Handlers for placements: the grid and its export, one placement, saving (which keeps the job
// or apprenticeship start outcome in step) and converting a work placement into a job.
import { AppFailure } from '../../../shared/result';
import { labelFor, placementKinds, placementStatuses, workPlacementKinds } from '../../../shared/domain/outcome-lists';
import { addDaysIso } from '../../../shared/domain/dates';
import type { PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { XlsxColumn } from '../export/xlsx-writer';
import { allPlacements, getPlacement, pagePlacements } from './placements.repository';
import { syncPlacementOutcome } from './placement-outcome';
import { checkLinks } from './references';
import { exportView } from './grid-export';
import { dataChanged, mustFind } from './handler-helpers';

const exportColumns: XlsxColumn<PlacementGridRow>[] = [
  { header: 'Reference', type: 'text', width: 12, value: (r) => r.participantRef },
  { header: 'Participant', type: 'text', width: 24, value: (r) => r.participantName },
  { header: 'Kind', type: 'text', width: 24, value: (r) => labelFor(placementKinds, r.kind) },
  { header: 'Employer', type: 'text', width: 28, value: (r) => r.employerName },
  { header: 'Contract', type: 'text', width: 28, value: (r) => r.contractName },
  { header: 'Site', type: 'text', width: 20, value: (r) => r.site },
  { header: 'Start', type: 'date', width: 12, value: (r) => r.startsOn },
  { header: 'End', type: 'date', width: 12, value: (r) => r.endsOn },
  { header: 'Hours a week', type: 'number', value: (r) => r.hoursPerWeek },
  {
    header: 'Hourly wage (£)',
    type: 'number',
    value: (r) => (r.hourlyWagePence === null ? null : r.hourlyWagePence / 100),
  },
  { header: 'Supervisor', type: 'text', width: 20, value: (r) => r.supervisor },
  { header: 'Status', type: 'text', width: 14, value: (r) => labelFor(placementStatuses, r.status) },
];

async function placementRow(tx: Tx, id: number) {
  return tx.selectFrom('placements').selectAll().where('id', '=', id).executeTakeFirst();
}

export const placementsHandlers = defineHandlers({
  async 'placements.page'(input, ctx) {
    return pagePlacements(ctx.db, input, todayIso(ctx.clock));
  },

  async 'placements.export'(input, ctx) {
    return exportView(ctx, {
      entity: 'placement',
      title: 'Placements',
      fileStem: 'placements',
      query: input,
      columns: exportColumns,
      rows: allPlacements(ctx.db, input, todayIso(ctx.clock)),
    });
  },

  async 'placements.get'(input, ctx) {
    return mustFind(await getPlacement(ctx.db, input.id), 'That placement does not exist.');
  },

  async 'placements.save'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const values = {
      participant_id: input.participantId,
      kind: input.kind,
      employer_org_id: input.employerOrgId,
      contract_id: input.contractId,
      course_run_id: input.courseRunId,
      site: input.site,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      hours_per_week: input.hoursPerWeek,
      hourly_wage_pence: input.hourlyWagePence,
      supervisor: input.supervisor,
      status: input.status,
      ended_reason: input.status === 'ended_early' ? input.endedReason : null,
      apprenticeship_standard: input.kind === 'apprenticeship' ? input.apprenticeshipStandard : null,
      apprenticeship_level: input.kind === 'apprenticeship' ? input.apprenticeshipLevel : null,
      notes: input.notes,
    };
    const result = await ctx.db.transaction().execute(async (tx) => {
      await checkLinks(tx, {
        participantId: input.participantId,
        employerOrgId: input.employerOrgId,
        contractId: input.contractId,
        courseRunId: input.courseRunId,
      });
      let id: number;
      if (input.id) {
        const before = await placementRow(tx, input.id);
        if (!before) throw new AppFailure('not-found', 'That placement does not exist.');
        if (before.participant_id !== input.participantId)
          throw new AppFailure('validation', 'Some details need correcting.', [
            {
              path: ['participantId'],
              message: 'A placement cannot move to another person; end it and record a new one',
            },
          ]);
        await tx
          .updateTable('placements')
          .set({ ...values, updated_at: at })
          .where('id', '=', input.id)
          .execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'update',
          entity: 'placement',
          entityId: input.id,
          participantId: input.participantId,
          summary: `Placement #${input.id} changed`,
          ...changedFields(before, values),
        });
        id = input.id;
      } else {
        const row = await tx
          .insertInto('placements')
          .values({ ...values, converted_from_id: null, created_at: at, created_by: ctx.staffId, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'create',
          entity: 'placement',
          entityId: row.id,
          participantId: input.participantId,
          summary: `${labelFor(placementKinds, input.kind)} placement recorded`,
          after: values,
        });
        id = row.id;
      }
      const outcome = await syncPlacementOutcome(tx, at, ctx.staffId, (await placementRow(tx, id))!);
      return { id, outcomeId: outcome.outcomeId, outcomeCreated: outcome.created };
    });
    dataChanged(ctx);
    return result;
  },

  async 'placements.convertToJob'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const result = await ctx.db.transaction().execute(async (tx) => {
      const original = await placementRow(tx, input.placementId);
      if (!original) throw new AppFailure('not-found', 'That placement does not exist.');
      if (!workPlacementKinds.includes(original.kind))
        throw new AppFailure(
          'conflict',
          'Only a work experience, work trial or work academy placement can be converted to a job.',
        );
      const already = await tx
        .selectFrom('placements')
        .select('id')
        .where('converted_from_id', '=', original.id)
        .executeTakeFirst();
      if (already)
        throw new AppFailure('conflict', `This placement was already converted (see placement #${already.id}).`);
      if (input.startsOn < original.starts_on) {
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['startsOn'], message: 'The job cannot start before the work placement did' },
        ]);
      }
      const employerOrgId = input.employerOrgId ?? original.employer_org_id;
      const contractId = input.contractId ?? original.contract_id;
      await checkLinks(tx, { employerOrgId, contractId });
      const values = {
        participant_id: original.participant_id,
        kind: input.kind,
        employer_org_id: employerOrgId,
        contract_id: contractId,
        course_run_id: original.course_run_id,
        site: input.site ?? original.site,
        starts_on: input.startsOn,
        ends_on: null,
        hours_per_week: input.hoursPerWeek,
        hourly_wage_pence: input.hourlyWagePence,
        supervisor: input.supervisor ?? original.supervisor,
        status: 'active' as const,
        ended_reason: null,
        converted_from_id: original.id,
        apprenticeship_standard: input.kind === 'apprenticeship' ? input.apprenticeshipStandard : null,
        apprenticeship_level: input.kind === 'apprenticeship' ? input.apprenticeshipLevel : null,
        notes: null,
      };
      const row = await tx
        .insertInto('placements')
        .values({ ...values, created_at: at, created_by: ctx.staffId, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'create',
        entity: 'placement',
        entityId: row.id,
        participantId: original.participant_id,
        summary: `Placement #${original.id} converted to a ${input.kind === 'paid_job' ? 'paid job' : 'apprenticeship'}`,
        after: values,
      });
      if (original.status === 'planned' || original.status === 'active') {
        const ended = {
          status: 'completed' as const,
          ends_on:
            original.ends_on ??
            (input.startsOn > original.starts_on ? addDaysIso(input.startsOn, -1) : original.starts_on),
        };
        await tx
          .updateTable('placements')
          .set({ ...ended, updated_at: at })
          .where('id', '=', original.id)
          .execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'update',
          entity: 'placement',
          entityId: original.id,
          participantId: original.participant_id,
          summary: `Placement #${original.id} completed: converted to a job`,
          ...changedFields(original, ended),
        });
      }
      const outcome = await syncPlacementOutcome(tx, at, ctx.staffId, (await placementRow(tx, row.id))!);
      return { placementId: row.id, outcomeId: outcome.outcomeId! };
    });
    dataChanged(ctx);
    return result;
  },
});
