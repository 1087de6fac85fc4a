// Course results per run: completion, L1 Award, HS&E tests, CSCS cards, PPE and readiness
// sign-off, recorded for many people in one transaction; each causes its outcome once and the
// site-ready rule is re-evaluated for everyone touched.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { recordResultsSchema, ResultRow } from '../../../shared/contract/courses.contract';
import {
  checkCardAgainstRecords,
  cscsCardTypes,
  defaultCardExpiry,
  isCardValidOn,
  isHsePass,
  signoffRefusal,
} from '../../../shared/domain/cscs';
import { formatUkDate } from '../../../shared/domain/dates';
import { evaluateSiteReady, type SiteReadyRule } from '../../../shared/domain/site-ready';
import { allResultsIn, defaultResultDate } from '../../../shared/domain/course-results';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { recordCourseOutcome, refreshSiteReady, removeCourseOutcome } from './course-outcomes';
import { attendanceByEnrolment } from './register.repository';
import { loadFacts, ticketTypesOf } from './site-ready.repository';
import { updateEnrolment } from './enrolment.repository';
import {
  deleteResultRow,
  enrolmentsOfRun,
  findCardValidOn,
  findCscsCard,
  findHseTest,
  findL1Award,
  findOpenSignoff,
  findPpeIssue,
  findResultRow,
  findRunWithType,
  findSignoff,
  participantNames,
  revokeSignoff,
  saveCscsCard,
  saveHseTest,
  saveL1Award,
  savePpeIssue,
  saveSignoff,
  setSmartCheck,
} from './results.repository';

export const L1_TITLE = 'Level 1 Award in Health and Safety in a Construction Environment';
type RecordInput = z.output<typeof recordResultsSchema>;

export async function getResults(db: Db, runId: number, today: string, rule: SiteReadyRule): Promise<ResultRow[]> {
  const enrolments = await db
    .selectFrom('enrolments as e')
    .innerJoin('participants as p', 'p.id', 'e.participant_id')
    .select([
      'e.id as enrolmentId',
      'e.participant_id as participantId',
      'p.reference',
      sql<string>`p.first_name || ' ' || p.last_name`.as('name'),
      'e.status',
      'e.completed_on as completedOn',
    ])
    .where('e.course_run_id', '=', runId)
    .where('e.status', 'in', ['enrolled', 'completed', 'not_completed'])
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const ids = enrolments.map((e) => e.participantId);
  if (!ids.length) return [];
  const rates = await attendanceByEnrolment(db, runId);
  const facts = await loadFacts(db, ids, ticketTypesOf(rule));
  const l1 = await db
    .selectFrom('l1_awards')
    .select(['id', 'participant_id', 'achieved_on as achievedOn', 'certificate_number as certificateNumber'])
    .where('participant_id', 'in', ids)
    .orderBy('achieved_on')
    .execute();
  const hse = await db
    .selectFrom('hse_tests')
    .select(['id', 'participant_id', 'taken_on as takenOn', 'score'])
    .where('participant_id', 'in', ids)
    .orderBy('taken_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const cards = await db
    .selectFrom('cscs_cards')
    .select([
      'id',
      'participant_id',
      'card_type as cardType',
      'card_number as cardNumber',
      'issued_on as issuedOn',
      'expires_on as expiresOn',
      'is_first_labourer_card',
      'issued_on_derived',
      'smart_checked_on',
    ])
    .where('participant_id', 'in', ids)
    .orderBy('issued_on')
    .execute();
  const ppe = await db
    .selectFrom('ppe_issues')
    .select(['id', 'participant_id', 'issued_on as issuedOn', 'items'])
    .where('participant_id', 'in', ids)
    .orderBy('issued_on')
    .execute();
  const signoffs = await db
    .selectFrom('site_ready_signoffs as s')
    .leftJoin('staff as st', 'st.id', 's.signed_by')
    .select(['s.id', 's.participant_id', 's.signed_on as signedOn', 'st.display_name as signedBy'])
    .where('s.participant_id', 'in', ids)
    .where('s.revoked_on', 'is', null)
    .orderBy('s.signed_on')
    .execute();
  const last = <T extends { participant_id: number }>(rows: T[], id: number) =>
    rows.filter((r) => r.participant_id === id).at(-1) ?? null;
  return enrolments.map((e) => {
    const card = last(cards, e.participantId);
    const sr = evaluateSiteReady(
      rule,
      facts.get(e.participantId) ?? { cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] },
      today,
    );
    const l = last(l1, e.participantId);
    const p = last(ppe, e.participantId);
    const s = last(signoffs, e.participantId);
    return {
      ...e,
      attendanceRate: rates.get(e.enrolmentId) ?? null,
      l1: l && { id: l.id, achievedOn: l.achievedOn, certificateNumber: l.certificateNumber },
      hse: hse
        .filter((t) => t.participant_id === e.participantId)
        .slice(0, 3)
        .map((t) => ({ id: t.id, takenOn: t.takenOn, score: t.score, passed: isHsePass(t.score) })),
      card: card && {
        id: card.id,
        cardType: card.cardType,
        cardNumber: card.cardNumber,
        issuedOn: card.issuedOn,
        expiresOn: card.expiresOn,
        isFirstLabourerCard: card.is_first_labourer_card === 1,
        issuedOnDerived: card.issued_on_derived === 1,
        smartCheckedOn: card.smart_checked_on,
      },
      ppe: p && { id: p.id, issuedOn: p.issuedOn, items: p.items },
      signoff: s && { id: s.id, signedOn: s.signedOn, signedBy: s.signedBy },
      siteReady: {
        ready: sr.ready,
        missing: sr.missing.map((m) => m.label),
        readySince: sr.readySince,
        readyUntil: sr.readyUntil,
      },
    };
  });
}

/** A run's results with the date new ones default to and whether every result is in. */
export async function resultsOfRun(db: Db, runId: number, today: string, rule: SiteReadyRule) {
  const run = await findRunWithType(db, runId);
  if (!run) throw new AppFailure('not-found', 'That course run does not exist.');
  const rows = await getResults(db, runId, today, rule);
  return { rows, defaultDate: defaultResultDate({ endDate: run.end_date }, today), allResultsIn: allResultsIn(rows) };
}

const invalid = (path: Array<string | number>, message: string) =>
  new AppFailure('validation', 'Some details need correcting.', [{ path, message }]);

export async function recordResults(
  tx: Tx,
  at: string,
  today: string,
  staffId: number | null,
  input: RecordInput,
  rule: SiteReadyRule,
) {
  const run = await findRunWithType(tx, input.runId);
  if (!run) throw new AppFailure('not-found', 'That course run does not exist.');
  if (run.status === 'cancelled')
    throw new AppFailure('conflict', 'This run was cancelled; results cannot be recorded on it.');
  if (input.date > today) throw invalid(['date'], 'The date cannot be in the future');
  const ids = input.entries.map((e) => e.enrolmentId);
  const enrolments = await enrolmentsOfRun(tx, input.runId, ids);
  const byId = new Map(enrolments.map((e) => [e.id, e]));
  for (const [i, entry] of input.entries.entries()) {
    const e = byId.get(entry.enrolmentId);
    if (!e) throw invalid(['entries', i, 'enrolmentId'], 'This person is not enrolled on this run');
    if (e.status === 'waiting' || e.status === 'withdrawn')
      throw invalid(
        ['entries', i, 'enrolmentId'],
        `This person is ${e.status === 'waiting' ? 'on the waiting list' : 'withdrawn'}`,
      );
  }
  if (input.kind === 'card' && !cscsCardTypes.some((c) => c.code === input.cardType))
    throw invalid(['cardType'], 'Choose a card type from the list');
  // Cards, sign-offs and Smart Checks are checked against what is on file: all problems at once.
  const warnings: string[] = [];
  if (input.kind === 'card' || input.kind === 'signoff' || input.kind === 'smartcheck') {
    const facts = await loadFacts(
      tx,
      enrolments.map((e) => e.participant_id),
    );
    const names = await participantNames(
      tx,
      enrolments.map((e) => e.participant_id),
    );
    const problems: Array<{ path: Array<string | number>; message: string }> = [];
    for (const [i, entry] of input.entries.entries()) {
      const pid = byId.get(entry.enrolmentId)!.participant_id;
      const f = facts.get(pid);
      const who = names.get(pid) ?? 'This person';
      if (input.kind === 'card') {
        const c = input.entries[i]!;
        const check = checkCardAgainstRecords(
          { cardType: input.cardType, issuedOn: input.date, isFirstLabourerCard: c.isFirstLabourerCard },
          f?.hseTests ?? [],
          f?.l1Awards ?? [],
        );
        if (check.refusal) problems.push({ path: ['entries', i, 'cardNumber'], message: `${who}: ${check.refusal}` });
        for (const w of check.warnings) warnings.push(`${who}: ${w}`);
      } else if (input.kind === 'signoff') {
        const refusal = signoffRefusal(f?.hseTests ?? [], f?.cards ?? [], input.date);
        if (refusal) problems.push({ path: ['entries', i, 'notes'], message: `${who}: ${refusal}` });
      } else if (!(f?.cards ?? []).some((c) => isCardValidOn(c, input.date)))
        problems.push({
          path: ['entries', i, 'enrolmentId'],
          message: `${who}: no CSCS card valid on ${formatUkDate(input.date)} to check`,
        });
    }
    if (problems.length) throw new AppFailure('validation', 'Some details need correcting.', problems);
  }

  let outcomesCreated = 0;
  const touched: number[] = [];
  const audit = (
    entity: string,
    entityId: number,
    participantId: number,
    summary: string,
    after: unknown,
    before?: unknown,
  ) =>
    appendAudit(tx, at, staffId, {
      action: before ? 'update' : 'create',
      entity,
      entityId,
      participantId,
      summary,
      before,
      after,
    });

  for (const [i, entry] of input.entries.entries()) {
    const e = byId.get(entry.enrolmentId)!;
    const pid = e.participant_id;
    touched.push(pid);
    switch (input.kind) {
      case 'completion': {
        const status = input.entries[i]!.status;
        const completedOn = status === 'completed' ? input.date : null;
        if (e.status === status && e.completed_on === completedOn) break;
        await updateEnrolment(tx, e.id, { status, completed_on: completedOn });
        await audit(
          'enrolment',
          e.id,
          pid,
          `Course ${status === 'completed' ? 'completed' : status === 'not_completed' ? 'not completed' : 'result cleared'} (run ${input.runId})`,
          { status, completed_on: completedOn },
          { status: e.status, completed_on: e.completed_on },
        );
        if (status === 'completed') {
          if (
            await recordCourseOutcome(tx, at, staffId, {
              participantId: pid,
              outcomeType: 'course_completed',
              outcomeDate: input.date,
              sourceRef: `enrolment:${e.id}`,
              courseRunId: input.runId,
              qualificationTitle: run.name,
            })
          )
            outcomesCreated++;
        }
        break;
      }
      case 'l1': {
        const certificateNumber = input.entries[i]!.certificateNumber;
        const prior = await findL1Award(tx, pid, input.runId);
        const values = {
          achieved_on: input.date,
          certificate_number: certificateNumber,
          awarding_body: input.awardingBody,
        };
        const id = await saveL1Award(tx, prior?.id ?? null, values, {
          ...values,
          participant_id: pid,
          course_run_id: input.runId,
          created_at: at,
        });
        await audit(
          'l1_award',
          id,
          pid,
          `Level 1 Award achieved on ${input.date}`,
          values,
          prior ? { achieved_on: prior.achieved_on, certificate_number: prior.certificate_number } : undefined,
        );
        if (
          await recordCourseOutcome(tx, at, staffId, {
            participantId: pid,
            outcomeType: 'qualification',
            outcomeDate: input.date,
            sourceRef: `l1_award:${id}`,
            courseRunId: input.runId,
            qualificationTitle: L1_TITLE,
          })
        )
          outcomesCreated++;
        break;
      }
      case 'hse': {
        const { score, testReference } = input.entries[i]!;
        const prior = await findHseTest(tx, pid, input.date);
        const values = { score, test_reference: testReference, course_run_id: input.runId };
        const id = await saveHseTest(tx, prior?.id ?? null, values, {
          ...values,
          participant_id: pid,
          taken_on: input.date,
          created_at: at,
        });
        await audit(
          'hse_test',
          id,
          pid,
          `HS&E test on ${input.date}: ${score}/50 (${isHsePass(score) ? 'pass' : 'fail'})`,
          values,
          prior ? { score: prior.score, test_reference: prior.test_reference } : undefined,
        );
        break;
      }
      case 'card': {
        const c = input.entries[i]!;
        const expiresOn = c.expiresOn ?? defaultCardExpiry(input.cardType, input.date, c.isFirstLabourerCard);
        if (expiresOn <= input.date)
          throw invalid(['entries', i, 'expiresOn'], 'The expiry date must be after the issue date');
        const prior = await findCscsCard(tx, pid, {
          cardNumber: c.cardNumber,
          issuedOn: input.date,
          cardType: input.cardType,
        });
        const values = {
          card_type: input.cardType,
          card_number: c.cardNumber,
          issued_on: input.date,
          expires_on: expiresOn,
          is_first_labourer_card: c.isFirstLabourerCard ? 1 : 0,
          course_run_id: input.runId,
        };
        const id = await saveCscsCard(tx, prior?.id ?? null, values, {
          ...values,
          participant_id: pid,
          created_at: at,
        });
        await audit(
          'cscs_card',
          id,
          pid,
          `CSCS card issued ${input.date}, expires ${expiresOn}`,
          values,
          prior
            ? { card_number: prior.card_number, issued_on: prior.issued_on, expires_on: prior.expires_on }
            : undefined,
        );
        if (
          await recordCourseOutcome(tx, at, staffId, {
            participantId: pid,
            outcomeType: 'cscs_card',
            outcomeDate: input.date,
            sourceRef: `cscs_card:${id}`,
            courseRunId: input.runId,
          })
        )
          outcomesCreated++;
        break;
      }
      case 'smartcheck': {
        const card = await findCardValidOn(tx, pid, input.date);
        if (!card || card.smart_checked_on === input.date) break;
        await setSmartCheck(tx, card.id, input.date);
        await audit(
          'cscs_card',
          card.id,
          pid,
          `CSCS card${card.card_number ? ` ${card.card_number}` : ''} checked on CSCS Smart Check on ${input.date}`,
          { smart_checked_on: input.date },
          { smart_checked_on: card.smart_checked_on },
        );
        break;
      }
      case 'ppe': {
        const items = input.entries[i]!.items;
        const prior = await findPpeIssue(tx, pid, input.date);
        const id = await savePpeIssue(
          tx,
          prior?.id ?? null,
          { items },
          { participant_id: pid, issued_on: input.date, items, issued_by: staffId, created_at: at },
        );
        await audit(
          'ppe_issue',
          id,
          pid,
          `PPE issued on ${input.date}${items ? `: ${items}` : ''}`,
          { items },
          prior ? { items: prior.items } : undefined,
        );
        break;
      }
      case 'signoff': {
        const notes = input.entries[i]!.notes;
        const prior = await findOpenSignoff(tx, pid, input.date);
        const id = await saveSignoff(
          tx,
          prior?.id ?? null,
          { notes },
          { participant_id: pid, signed_on: input.date, signed_by: staffId, notes, revoked_on: null, created_at: at },
        );
        await audit(
          'site_ready_signoff',
          id,
          pid,
          `Readiness signed off on ${input.date}`,
          { notes },
          prior ? { notes: prior.notes } : undefined,
        );
        break;
      }
    }
  }
  const becameSiteReady = await refreshSiteReady(tx, at, today, staffId, [...new Set(touched)], rule);
  return {
    recorded: input.entries.length,
    outcomesCreated: outcomesCreated + becameSiteReady,
    becameSiteReady,
    warnings,
  };
}

const removable = { l1: 'l1_awards', hse: 'hse_tests', card: 'cscs_cards', ppe: 'ppe_issues' } as const;
const outcomeRef = { l1: 'l1_award', card: 'cscs_card' } as const;

export async function removeResult(
  tx: Tx,
  at: string,
  today: string,
  staffId: number | null,
  kind: 'l1' | 'hse' | 'card' | 'ppe' | 'signoff',
  id: number,
  reason: string,
): Promise<void> {
  if (kind === 'signoff') {
    const s = await findSignoff(tx, id);
    if (!s) throw new AppFailure('not-found', 'That sign-off does not exist.');
    if (s.revoked_on) throw new AppFailure('conflict', 'That sign-off was already revoked.');
    await revokeSignoff(tx, id, today);
    await appendAudit(tx, at, staffId, {
      action: 'update',
      entity: 'site_ready_signoff',
      entityId: id,
      participantId: s.participant_id,
      summary: `Readiness sign-off revoked: ${reason}`,
      before: { revoked_on: null },
      after: { revoked_on: today },
    });
    return;
  }
  const table = removable[kind];
  const row = await findResultRow(tx, table, id);
  if (!row) throw new AppFailure('not-found', 'That result does not exist.');
  await deleteResultRow(tx, table, id);
  await appendAudit(tx, at, staffId, {
    action: 'delete',
    entity: table.replace(/s$/, ''),
    entityId: id,
    participantId: row.participant_id,
    summary: `Result removed as recorded in error: ${reason}`,
    before: row,
  });
  if (kind === 'l1' || kind === 'card')
    await removeCourseOutcome(tx, at, staffId, row.participant_id, `${outcomeRef[kind]}:${id}`, reason);
}
