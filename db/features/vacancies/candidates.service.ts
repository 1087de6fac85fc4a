// Rules for candidates: who can be put forward for a vacancy (the fit check, worked out again
// here whatever the window showed), moving a candidate through the stages (shared/domain/
// candidate-stages.ts), and the one job or apprenticeship start outcome "started" records
// through recordOutcomeOnce and keeps linked, so moving back and forth never counts a start
// twice. Every change is audited in the caller's transaction.
import { AppFailure, type FieldError } from '../../../shared/result';
import type { CandidateOption, MoveInput } from '../../../shared/contract/vacancies-schemas';
import {
  applyStageMove,
  isClosedStage,
  labelOfStage,
  startOutcomeForVacancy,
  type CandidateProgress,
  type PipelineStage,
} from '../../../shared/domain/candidate-stages';
import { duplicateOutcomeMessage } from '../../../shared/domain/outcome-rules';
import { startOutcomeLabel } from '../../../shared/domain/placement-rules';
import { checkFit, fitNotes, type FitResult } from '../../../shared/domain/vacancy-fit';
import type { Db, Tx } from '../../store/schema';
import type { CandidateRow as CandidateRecord, VacancyRow } from '../../store/tables/vacancies.tables';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { loadSiteReadyRule } from '../courses/site-ready.repository';
import { siteReadyRows, type UseCache } from '../courses/site-ready.service';
import { recordOutcomeOnce } from '../outcomes/outcome-writer';
import { outcomeOn, outcomeRecord, updateOutcome } from '../outcomes/outcome-records.repository';
import { findParticipants } from '../outcomes/outcomes.repository';
import { organisationSector } from '../outcomes/organisations.repository';
import {
  candidateRecord,
  deleteCandidate,
  fitFacts,
  insertCandidate,
  peopleByIds,
  updateCandidate,
} from './candidates.repository';
import { vacancyRecord } from './vacancies.repository';

/** How many site-ready people the shortlist panel lists at once (it searches within them). */
const OPTIONS_SHOWN = 100;

async function vacancyOrFail(db: Db, id: number): Promise<VacancyRow> {
  const v = await vacancyRecord(db, id);
  if (!v) throw new AppFailure('not-found', 'That vacancy does not exist.');
  return v;
}

async function fitOf(db: Db, vacancy: VacancyRow, ids: number[], today: string): Promise<Map<number, FitResult>> {
  const facts = await fitFacts(db, vacancy.id, ids, await loadSiteReadyRule(db), today);
  const fit = { requiresSiteReady: vacancy.requires_site_ready === 1, cardTypeRequired: vacancy.card_type_required };
  return new Map([...facts].map(([id, person]) => [id, checkFit(fit, person, today)]));
}

/** People to put forward, from the site-ready list or a search, each with the fit check. */
export async function candidateOptions(
  db: Db,
  input: { vacancyId: number; from: 'site-ready' | 'search'; search: string },
  today: string,
  cache?: UseCache,
): Promise<{ people: CandidateOption[]; total: number }> {
  const vacancy = await vacancyOrFail(db, input.vacancyId);
  let picks: Array<{ id: number; reference: string; name: string; postcode: string | null; readySince: string | null }>;
  let total: number;
  if (input.from === 'site-ready') {
    const ready = await siteReadyRows(
      db,
      await loadSiteReadyRule(db),
      today,
      { preset: 'ready', search: input.search },
      cache,
    );
    total = ready.length;
    picks = [...ready]
      .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id - b.id)
      .slice(0, OPTIONS_SHOWN)
      .map((r) => ({
        id: r.id,
        reference: r.reference,
        name: `${r.firstName} ${r.lastName}`,
        postcode: r.postcode,
        readySince: r.readySince,
      }));
  } else {
    const found = await findParticipants(db, input.search);
    total = found.length;
    picks = found.map((p) => ({ ...p, readySince: null }));
  }
  const fit = await fitOf(
    db,
    vacancy,
    picks.map((p) => p.id),
    today,
  );
  return {
    total,
    people: picks.flatMap((p) => {
      const f = fit.get(p.id);
      return f
        ? [
            {
              participantId: p.id,
              reference: p.reference,
              name: p.name,
              postcode: p.postcode,
              readySince: p.readySince,
              ...f,
            },
          ]
        : [];
    }),
  };
}

/** Puts people forward for an open vacancy. Anyone who fails a requirement needs a reason;
 * someone already put forward is refused. */
export async function shortlist(
  tx: Tx,
  actor: Actor,
  input: { vacancyId: number; participantIds: number[]; submittedOn: string; overrideReason: string | null },
): Promise<{ candidateIds: number[] }> {
  const vacancy = await vacancyOrFail(tx, input.vacancyId);
  if (vacancy.status !== 'open')
    throw new AppFailure('conflict', 'This vacancy is not open; reopen it to put people forward.');
  if (input.submittedOn > actor.today)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['submittedOn'], message: 'The date cannot be in the future' },
    ]);
  const ids = [...new Set(input.participantIds)];
  const people = new Map((await peopleByIds(tx, ids)).map((p) => [p.id, p]));
  if (people.size !== ids.length)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['participantIds'], message: 'Choose people from the list' },
    ]);
  const fit = await fitOf(tx, vacancy, ids, actor.today);
  const named = (id: number) => {
    const p = people.get(id)!;
    return `${p.first_name} ${p.last_name} (${p.reference})`;
  };
  const blocked = ids.filter((id) => fit.get(id)?.overall === 'blocked');
  if (blocked.length) {
    const why = fit
      .get(blocked[0]!)!
      .checks.find((c) => c.state === 'blocked')!
      .detail.toLowerCase();
    throw new AppFailure('conflict', `${blocked.map(named).join(', ')}: ${why}.`);
  }
  const needReason = ids.filter((id) => fit.get(id)?.overall === 'needs-reason');
  if (needReason.length && !input.overrideReason) {
    const problems: FieldError[] = [
      {
        path: ['overrideReason'],
        message: `Say why you are putting forward ${needReason.map(named).join(', ')} although they do not meet the vacancy’s requirements`,
      },
    ];
    throw new AppFailure('validation', 'Some details need correcting.', problems);
  }
  const candidateIds: number[] = [];
  for (const id of ids) {
    const result = fit.get(id)!;
    const row = {
      vacancy_id: vacancy.id,
      participant_id: id,
      stage: 'submitted' as const,
      submitted_on: input.submittedOn,
      interview_guaranteed: vacancy.kind === 'guaranteed_interview' ? 1 : 0,
      fit_notes: fitNotes(result),
      override_reason: result.overall === 'needs-reason' ? input.overrideReason : null,
    };
    const candidateId = await insertCandidate(tx, {
      ...row,
      created_at: actor.now,
      created_by: actor.staffId,
      updated_at: actor.now,
      updated_by: actor.staffId,
    });
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'create',
      entity: 'vacancy_candidate',
      entityId: candidateId,
      participantId: id,
      summary: `Put forward for ${vacancy.job_title} (vacancy #${vacancy.id})`,
      after: row,
    });
    candidateIds.push(candidateId);
  }
  return { candidateIds };
}

function progressOf(k: CandidateRecord): CandidateProgress {
  return {
    stage: k.stage,
    submittedOn: k.submitted_on,
    interviewOn: k.interview_on,
    interviewGuaranteed: k.interview_guaranteed === 1,
    interviewedOn: k.interviewed_on,
    offeredOn: k.offered_on,
    acceptedOn: k.accepted_on,
    startedOn: k.started_on,
    closedOn: k.closed_on,
    closedFrom: (k.closed_from as PipelineStage | null) ?? null,
    closedReason: k.closed_reason,
  };
}

/** Moves a candidate to another stage; "started" records (or keeps in step) its start outcome. */
export async function moveCandidate(
  tx: Tx,
  actor: Actor,
  input: MoveInput,
): Promise<{ stage: string; outcomeId: number | null; outcomeCreated: boolean }> {
  const k = await candidateRecord(tx, input.id);
  if (!k) throw new AppFailure('not-found', 'That candidate does not exist.');
  const vacancy = await vacancyOrFail(tx, k.vacancy_id);
  const moved = applyStageMove(
    progressOf(k),
    { to: input.to, on: input.on, interviewGuaranteed: input.interviewGuaranteed, reason: input.reason },
    actor.today,
  );
  if (!moved.ok)
    throw new AppFailure(
      'validation',
      'Some details need correcting.',
      moved.problems.map((p) => ({ path: [p.path], message: p.message })),
    );
  const n = moved.next;
  const values = {
    stage: n.stage,
    submitted_on: n.submittedOn,
    interview_on: n.interviewOn,
    interview_guaranteed: n.interviewGuaranteed ? 1 : 0,
    interviewed_on: n.interviewedOn,
    offered_on: n.offeredOn,
    accepted_on: n.acceptedOn,
    started_on: n.startedOn,
    closed_on: n.closedOn,
    closed_from: n.closedFrom,
    closed_reason: n.closedReason,
    ...(input.notes !== null ? { notes: input.notes } : {}),
  };
  let outcome = { id: k.outcome_id, created: false };
  if (n.stage === 'started' && n.startedOn) outcome = await startOutcome(tx, actor, k, vacancy, n.startedOn);
  await updateCandidate(tx, k.id, {
    ...values,
    outcome_id: outcome.id,
    updated_at: actor.now,
    updated_by: actor.staffId,
  });
  const from = isClosedStage(k.stage) || k.stage !== n.stage ? ` from ${labelOfStage(k.stage).toLowerCase()}` : '';
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'vacancy_candidate',
    entityId: k.id,
    participantId: k.participant_id,
    summary: `Candidate for ${vacancy.job_title} (vacancy #${vacancy.id}) moved${from} to ${labelOfStage(n.stage).toLowerCase()}`,
    ...changedFields(k, { ...values, outcome_id: outcome.id }),
  });
  return { stage: n.stage, outcomeId: outcome.id, outcomeCreated: outcome.created };
}

/**
 * The candidate's start outcome: the one already linked (its date kept in step with the start
 * date), else recorded once through recordOutcomeOnce (which finds one already recorded by
 * hand for that day rather than duplicating it). A work trial records none.
 */
async function startOutcome(
  tx: Tx,
  actor: Actor,
  k: CandidateRecord,
  vacancy: VacancyRow,
  startedOn: string,
): Promise<{ id: number | null; created: boolean }> {
  const type = startOutcomeForVacancy(vacancy.kind);
  const linked = k.outcome_id ? await outcomeRecord(tx, k.outcome_id) : undefined;
  if (linked) {
    if (linked.outcome_date !== startedOn) {
      const clash = await outcomeOn(tx, {
        participantId: k.participant_id,
        outcomeType: linked.outcome_type,
        outcomeDate: startedOn,
      });
      if (clash && clash.id !== linked.id) {
        const label = startOutcomeLabel(
          linked.outcome_type === 'apprenticeship_start' ? 'apprenticeship_start' : 'job_start',
        );
        const message = duplicateOutcomeMessage(label, startedOn);
        throw new AppFailure('conflict', message, [{ path: ['on'], message }]);
      }
      await updateOutcome(tx, linked.id, { outcome_date: startedOn, updated_at: actor.now });
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'update',
        entity: 'outcome',
        entityId: linked.id,
        participantId: k.participant_id,
        summary: `Outcome ${linked.outcome_type} kept in step with the start recorded for vacancy #${vacancy.id}`,
        before: { outcome_date: linked.outcome_date },
        after: { outcome_date: startedOn },
      });
    }
    return { id: linked.id, created: false };
  }
  if (!type) return { id: null, created: false };
  const sector = vacancy.sector ?? (await organisationSector(tx, vacancy.employer_org_id));
  const isApprenticeship = type === 'apprenticeship_start';
  const result = await recordOutcomeOnce(tx, actor.now, actor.staffId, {
    participantId: k.participant_id,
    outcomeType: type,
    outcomeDate: startedOn,
    source: 'manual',
    sourceRef: `vacancy-candidate:${k.id}`,
    employerOrgId: vacancy.employer_org_id,
    contractId: vacancy.contract_id,
    sector,
    hoursPerWeek: vacancy.hours_per_week,
    apprenticeshipStandard: isApprenticeship ? vacancy.apprenticeship_standard : null,
    apprenticeshipLevel: isApprenticeship ? vacancy.apprenticeship_level : null,
    notes: `Started as ${vacancy.job_title} (vacancy #${vacancy.id})`,
  });
  if (!result.created) {
    // Recorded by hand before: link it, and fill in the employer and contract it lacks so the
    // contract's progress counts it.
    const existing = await outcomeRecord(tx, result.id);
    const fill = {
      ...(existing?.employer_org_id === null ? { employer_org_id: vacancy.employer_org_id } : {}),
      ...(existing?.contract_id === null && vacancy.contract_id ? { contract_id: vacancy.contract_id } : {}),
    };
    if (existing && Object.keys(fill).length) {
      await updateOutcome(tx, result.id, { ...fill, updated_at: actor.now });
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'update',
        entity: 'outcome',
        entityId: result.id,
        participantId: k.participant_id,
        summary: `Outcome ${type} linked to the start recorded for vacancy #${vacancy.id}`,
        ...changedFields(existing, fill),
      });
    }
  }
  return { id: result.id, created: result.created };
}

/** Takes someone put forward by mistake off a vacancy (only before anything else happened). */
export async function removeCandidate(tx: Tx, actor: Actor, input: { id: number; reason: string }): Promise<void> {
  const k = await candidateRecord(tx, input.id);
  if (!k) throw new AppFailure('not-found', 'That candidate does not exist.');
  if (k.stage !== 'submitted' || k.outcome_id !== null)
    throw new AppFailure(
      'conflict',
      'Only someone just put forward can be taken off a vacancy; record them as declined or unsuccessful instead.',
    );
  await deleteCandidate(tx, k.id);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'vacancy_candidate',
    entityId: k.id,
    participantId: k.participant_id,
    summary: `Taken off vacancy #${k.vacancy_id}: ${input.reason}`,
    before: k,
  });
}
