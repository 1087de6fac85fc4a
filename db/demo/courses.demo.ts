// Demo data for the courses area: training providers, about 33 CSCS pre-employment runs over
// the two years (scaled with the programme's size) with about 220 people, other short courses,
// realistic registers, results (most pass HS&E, some fail and retake), cards, PPE, sign-offs,
// and the outcomes they cause (unique per person, type and date). Deterministic; multi-row inserts.
import { defaultCardExpiry } from '../../shared/domain/cscs';
import { sessionDaysBetween } from '../../shared/domain/course-sessions';
import { isBankHoliday } from '../../shared/domain/bank-holidays';
import { addYearsIso } from '../../shared/domain/dates';
import { defaultSiteReadyRule, evaluateSiteReady, type SiteReadyFacts } from '../../shared/domain/site-ready';
import { L1_TITLE } from '../features/courses/results.service';
import { insertInChunks, type DemoContext, type DemoStep } from './demo-context';
import { lastNames } from './names';
import { addDays, type Random } from './random';
import { demoStreamFor } from './funding.demo';

type Mark = 'present' | 'late' | 'absent' | 'excused';
interface Enrol {
  pid: number;
  status: 'enrolled' | 'waiting' | 'withdrawn' | 'completed' | 'not_completed';
  waiting: number | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  marks: Mark[];
  id?: number;
}
interface Run {
  typeCode: string;
  start: string;
  end: string;
  sessions: string[];
  status: 'planned' | 'running' | 'completed' | 'cancelled';
  capacity: number;
  providerKey: keyof typeof providerNames;
  people: Enrol[];
  id?: number;
}

const providerNames = {
  nhc: ['North Hertfordshire College', 'college'],
  citb: ['Stevenage CITB Test Centre', 'training_provider'],
  firstAid: ['Herts First Aid Training Ltd', 'training_provider'],
  safety: ['Safe Sites Training (Hertfordshire)', 'training_provider'],
} as const;
const typeProvider: Record<string, keyof typeof providerNames> = {
  cscs_pre_employment: 'nhc',
  l1_award: 'nhc',
  employability: 'nhc',
  esol_construction: 'nhc',
  hse_test: 'citb',
  cscs_card_application: 'nhc',
  first_aid: 'firstAid',
  manual_handling: 'safety',
  asbestos_awareness: 'safety',
  working_at_height: 'safety',
  fire_safety: 'safety',
  traffic_marshal: 'safety',
};
const otherCourses: Array<[string, number]> = [
  ['first_aid', 1],
  ['manual_handling', 1],
  ['asbestos_awareness', 1],
  ['working_at_height', 1],
  ['employability', 3],
];
const withdrawReasons = [
  'Started a job',
  'Health reasons',
  'Childcare fell through',
  'No longer in contact',
  'Moved away',
  'Chose another course',
];
const lateReasons = ['Bus late', 'Childcare', 'Overslept', 'Appointment ran over'];
const absentReasons = ['Unwell', 'No contact', 'Jobcentre appointment', 'Family emergency', null];

/** Like insertInChunks, for planned objects that are not rows themselves. */
async function inChunks<T>(items: T[], size: number, work: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

/** The Monday starting the first week from a date with no bank holiday in it (the college runs
 * its courses in full weeks: none starts in Christmas week or an Easter week). */
const monday = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  let start = addDays(iso, d === 0 ? 1 : d === 1 ? 0 : 8 - d);
  while ([0, 1, 2, 3, 4].some((i) => isBankHoliday(addDays(start, i)))) start = addDays(start, 7);
  return start;
};

function marksFor(rng: Random, n: number, reliable: number): Mark[] {
  return Array.from({ length: n }, () =>
    rng.weighted<Mark>([
      ['present', 85 * reliable],
      ['late', 6],
      ['absent', 8 / reliable],
      ['excused', 2],
    ]),
  );
}

function runStatus(start: string, end: string, today: string): Run['status'] {
  return end < today ? 'completed' : start <= today ? 'running' : 'planned';
}

/** Plans runs and who is on them, in memory, before anything is written. */
function planRuns(ctx: DemoContext): Run[] {
  const { rng, today } = ctx;
  const pool = ctx.participants.filter((p) => p.isEligible);
  const target = Math.min(pool.length, Math.max(8, Math.round((ctx.size * 220) / 600)));
  // A fair sample of eligible people, in order of when they joined the programme.
  const chosen = pool
    .map((p) => ({ p, k: rng.next() }))
    .sort((a, b) => a.k - b.k)
    .slice(0, target)
    .map((x) => x.p)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const runCount = Math.max(2, Math.round(target / 6.7));
  const first = monday(addDays(today, -720));
  const span = 720 + 21;
  const runs: Run[] = [];
  for (let i = 0; i < runCount; i++) {
    const start = monday(addDays(first, Math.floor((i * span) / runCount)));
    const end = addDays(start, 4);
    const cancelled = runs.length > 3 && rng.chance(0.03);
    runs.push({
      typeCode: 'cscs_pre_employment',
      start,
      end,
      sessions: sessionDaysBetween(start, end),
      status: cancelled ? 'cancelled' : runStatus(start, end, today),
      capacity: 12,
      providerKey: 'nhc',
      people: [],
    });
  }
  const open = runs.filter((r) => r.status !== 'cancelled');
  let r = 0;
  for (const p of chosen) {
    while (
      r < open.length - 1 &&
      (open[r]!.start < p.startDate || open[r]!.people.length >= open[r]!.capacity - rng.int(0, 4))
    )
      r++;
    const run = open[r]!;
    const full = run.people.filter((e) => e.status !== 'waiting').length >= run.capacity;
    run.people.push({
      pid: p.id,
      status: full ? 'waiting' : 'enrolled',
      waiting: full ? run.people.filter((e) => e.status === 'waiting').length + 1 : null,
      withdrawnOn: null,
      withdrawnReason: null,
      marks: [],
    });
  }
  // The next planned run is popular: full, with a short waiting list.
  const next = open.find((run) => run.status === 'planned');
  if (next) {
    const taken = new Set(chosen.map((p) => p.id));
    const extra = pool.filter((p) => !taken.has(p.id) && p.startDate <= today);
    for (let k = 0; k < extra.length && next.people.length < next.capacity + 3; k++) {
      const p = extra[rng.int(0, extra.length - 1)]!;
      if (taken.has(p.id)) continue;
      taken.add(p.id);
      const full = next.people.filter((e) => e.status !== 'waiting').length >= next.capacity;
      next.people.push({
        pid: p.id,
        status: full ? 'waiting' : 'enrolled',
        waiting: full ? next.people.filter((e) => e.status === 'waiting').length + 1 : null,
        withdrawnOn: null,
        withdrawnReason: null,
        marks: [],
      });
    }
  }
  // Other short courses, mostly for people already on the CSCS route.
  const otherCount = Math.max(1, Math.round(runCount * 0.6));
  for (let i = 0; i < otherCount; i++) {
    const [code, days] = rng.pick(otherCourses);
    const start = monday(addDays(first, rng.int(0, 700)));
    const sessions = sessionDaysBetween(start, addDays(start, days - 1));
    const run: Run = {
      typeCode: code,
      start,
      end: sessions.at(-1)!,
      sessions,
      status: runStatus(start, sessions.at(-1)!, today),
      capacity: 10,
      providerKey: typeProvider[code]!,
      people: [],
    };
    const size = rng.int(5, 10);
    const seen = new Set<number>();
    for (let k = 0; k < size * 3 && run.people.length < size; k++) {
      const p = rng.chance(0.8) ? rng.pick(chosen) : rng.pick(pool);
      if (seen.has(p.id) || p.startDate > start) continue;
      seen.add(p.id);
      run.people.push({
        pid: p.id,
        status: 'enrolled',
        waiting: null,
        withdrawnOn: null,
        withdrawnReason: null,
        marks: [],
      });
    }
    runs.push(run);
  }
  // Registers and completion for what has started.
  for (const run of runs) {
    const held = run.sessions.filter((s) => s <= today);
    for (const e of run.people) {
      if (e.status === 'waiting') continue;
      if (run.status !== 'planned' && rng.chance(0.07)) {
        const at = rng.int(0, Math.max(0, held.length - 1));
        e.status = 'withdrawn';
        e.withdrawnOn = held[at] ?? run.start;
        e.withdrawnReason = rng.pick(withdrawReasons);
        e.marks = marksFor(rng, at, 0.8);
        continue;
      }
      e.marks = marksFor(rng, held.length, rng.chance(0.85) ? 1 : 0.6);
      if (run.status === 'completed') {
        const attended = e.marks.filter((m) => m === 'present' || m === 'late').length;
        e.status = attended >= Math.ceil(held.length * 0.6) && rng.chance(0.95) ? 'completed' : 'not_completed';
      }
    }
  }
  return runs;
}

async function providersStep(ctx: DemoContext): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [key, [name, kind]] of Object.entries(providerNames)) {
    const existing = await ctx.tx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst();
    ids[key] =
      existing?.id ??
      (
        await ctx.tx
          .insertInto('organisations')
          .values({
            name,
            kind,
            sector: 'Education and training',
            address: null,
            postcode: kind === 'college' ? 'SG1 1LA' : null,
            phone: '01438 000000',
            email: null,
            notes: 'Demo provider',
            created_at: ctx.nowIso,
            updated_at: ctx.nowIso,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  }
  for (const [code, key] of Object.entries(typeProvider))
    await ctx.tx
      .updateTable('course_types')
      .set({ provider_org_id: ids[key]! })
      .where('code', '=', code)
      .where('provider_org_id', 'is', null)
      .execute();
  return ids;
}

export const coursesStep: DemoStep = {
  name: 'courses',
  async run(ctx) {
    const { rng, tx } = ctx;
    const providers = await providersStep(ctx);
    const types = new Map(
      (await tx.selectFrom('course_types').select(['id', 'code', 'name']).execute()).map((t) => [t.code, t]),
    );
    const runs = planRuns(ctx);
    const hasStreams = Object.keys(ctx.fundingStreamIds).length > 0;
    const tutors = lastNames.slice(0, 12).map((n, i) => `${['Sam', 'Chris', 'Jo', 'Alex'][i % 4]} ${n}`);
    const stamp = (d: string) => `${d}T16:30:00.000Z`;

    await inChunks(runs, 300, async (chunk) => {
      const ids = await tx
        .insertInto('course_runs')
        .values(
          chunk.map((r) => ({
            course_type_id: types.get(r.typeCode)!.id,
            provider_org_id: providers[r.providerKey]!,
            venue:
              r.typeCode === 'cscs_pre_employment'
                ? 'NHC Stevenage Centre, construction workshop'
                : 'Stevenage Works hub, Daneshill House',
            start_date: r.start,
            end_date: r.end,
            capacity: r.capacity,
            tutor: rng.pick(tutors),
            // Courses are paid by a stream live when they start (the Town Deal hub paid many before April 2026).
            funding_stream_id: hasStreams ? (ctx.fundingStreamIds[demoStreamFor(rng, r.start, true)] ?? null) : null,
            status: r.status,
            notes: null,
            created_at: stamp(addDays(r.start, -28)),
            updated_at: stamp(r.end),
          })),
        )
        .returning('id')
        .execute();
      ids.forEach((row, i) => (chunk[i]!.id = row.id));
    });
    const sessionRows = runs.flatMap((r) =>
      r.sessions.map((d, i) => ({
        run: r,
        i,
        row: { course_run_id: r.id!, session_date: d, starts_at: '09:30', ends_at: '15:30', label: `Day ${i + 1}` },
      })),
    );
    const sessionIds = new Map<string, number>();
    await inChunks(sessionRows, 1000, async (chunk) => {
      const ids = await tx
        .insertInto('course_sessions')
        .values(chunk.map((c) => c.row))
        .returning('id')
        .execute();
      ids.forEach((row, i) => sessionIds.set(`${chunk[i]!.run.id}:${chunk[i]!.i}`, row.id));
    });
    const enrols = runs.flatMap((r) => r.people.map((e) => ({ r, e })));
    await inChunks(enrols, 500, async (chunk) => {
      const ids = await tx
        .insertInto('enrolments')
        .values(
          chunk.map(({ r, e }) => ({
            course_run_id: r.id!,
            participant_id: e.pid,
            status: e.status,
            waiting_position: e.waiting,
            enrolled_on: addDays(r.start, -rng.int(3, 20)),
            eligibility_override_reason: null,
            withdrawn_on: e.withdrawnOn,
            withdrawn_reason: e.withdrawnReason,
            completed_on: e.status === 'completed' ? r.end : null,
            created_at: stamp(addDays(r.start, -21)),
            created_by: rng.pick(ctx.staffIds),
          })),
        )
        .returning('id')
        .execute();
      ids.forEach((row, i) => (chunk[i]!.e.id = row.id));
    });
    const marks = enrols.flatMap(({ r, e }) =>
      e.marks.map((mark, i) => ({
        course_session_id: sessionIds.get(`${r.id}:${i}`)!,
        enrolment_id: e.id!,
        mark,
        reason:
          mark === 'late'
            ? rng.pick(lateReasons)
            : mark === 'absent'
              ? rng.pick(absentReasons)
              : mark === 'excused'
                ? 'Agreed in advance'
                : null,
        recorded_at: stamp(r.sessions[i]!),
        recorded_by: rng.pick(ctx.staffIds),
      })),
    );
    await insertInChunks(
      marks,
      2000,
      async (chunk) => void (await tx.insertInto('attendance').values(chunk).execute()),
    );
    await ctx.progress(0, 1, 'Course results');
    await recordResults(ctx, runs, new Map([...types.values()].map((t) => [t.code, t.name])));
  },
};

/** L1 Awards, HS&E tests (with retakes), cards, PPE and sign-offs for completers, then outcomes. */
async function recordResults(ctx: DemoContext, runs: Run[], typeNames: Map<string, string>): Promise<void> {
  const { rng, tx, today } = ctx;
  const l1: Array<{
    participant_id: number;
    course_run_id: number;
    achieved_on: string;
    certificate_number: string;
    awarding_body: string;
    created_at: string;
  }> = [];
  const hse: Array<{
    participant_id: number;
    course_run_id: number | null;
    taken_on: string;
    score: number;
    test_reference: string;
    created_at: string;
  }> = [];
  const cards: Array<{
    participant_id: number;
    card_type: string;
    card_number: string;
    issued_on: string;
    expires_on: string;
    is_first_labourer_card: number;
    course_run_id: number | null;
    created_at: string;
  }> = [];
  const ppe: Array<{
    participant_id: number;
    issued_on: string;
    items: string;
    issued_by: number;
    created_at: string;
  }> = [];
  const signoffs: Array<{
    participant_id: number;
    signed_on: string;
    signed_by: number;
    notes: string | null;
    revoked_on: null;
    created_at: string;
  }> = [];
  const completions: Array<{ pid: number; runId: number; enrolmentId: number; date: string; title: string }> = [];
  const ts = (d: string) => `${d}T12:00:00.000Z`;
  let cert = 1000;
  for (const run of runs) {
    for (const e of run.people) {
      if (e.status !== 'completed') continue;
      completions.push({
        pid: e.pid,
        runId: run.id!,
        enrolmentId: e.id!,
        date: run.end,
        title: typeNames.get(run.typeCode) ?? run.typeCode,
      });
      if (run.typeCode !== 'cscs_pre_employment') continue;
      l1.push({
        participant_id: e.pid,
        course_run_id: run.id!,
        achieved_on: run.sessions[2]!,
        certificate_number: `L1/${run.start.slice(0, 4)}/${cert++}`,
        awarding_body: 'CITB',
        created_at: ts(run.end),
      });
      let takenOn = run.sessions[3]!;
      let score = rng.chance(0.86) ? rng.int(45, 50) : rng.int(34, 44);
      hse.push({
        participant_id: e.pid,
        course_run_id: run.id!,
        taken_on: takenOn,
        score,
        test_reference: `HSE-${rng.int(100000, 999999)}`,
        created_at: ts(takenOn),
      });
      if (score < 45) {
        const retake = addDays(takenOn, rng.int(14, 35));
        if (retake > today || rng.chance(0.2)) continue;
        takenOn = retake;
        score = rng.chance(0.8) ? rng.int(45, 50) : rng.int(38, 44);
        hse.push({
          participant_id: e.pid,
          course_run_id: null,
          taken_on: takenOn,
          score,
          test_reference: `HSE-${rng.int(100000, 999999)}`,
          created_at: ts(takenOn),
        });
        if (score < 45) continue;
      }
      const ppeOn = run.end;
      if (rng.chance(0.92))
        ppe.push({
          participant_id: e.pid,
          issued_on: ppeOn,
          items: 'Safety boots, hi-vis vest, hard hat, gloves, glasses',
          issued_by: rng.pick(ctx.staffIds),
          created_at: ts(ppeOn),
        });
      if (rng.chance(0.12)) continue; // passed but not (yet) applied for a card
      const issued = addDays(takenOn, rng.int(7, 24));
      if (issued > today) continue;
      cards.push({
        participant_id: e.pid,
        card_type: 'green_labourer',
        card_number: String(rng.int(1, 99_999_999)).padStart(8, '0'),
        issued_on: issued,
        expires_on: defaultCardExpiry('green_labourer', issued, true),
        is_first_labourer_card: 1,
        course_run_id: run.id!,
        created_at: ts(issued),
      });
      const signOn = addDays(issued, rng.int(0, 10));
      if (signOn <= today && rng.chance(0.85))
        signoffs.push({
          participant_id: e.pid,
          signed_on: signOn,
          signed_by: rng.pick(ctx.staffIds),
          notes: rng.chance(0.3) ? 'Keen, reliable attendance' : null,
          revoked_on: null,
          created_at: ts(signOn),
        });
    }
  }
  // Some returners hold a card from years ago that is now close to expiry (for the worklist).
  const returners = [...new Set(runs.flatMap((r) => r.people.map((p) => p.pid)))].filter(() => rng.chance(0.06));
  for (const pid of returners) {
    const issued = addDays(addYearsIso(today, -5), rng.int(-20, 150));
    cards.push({
      participant_id: pid,
      card_type: rng.pick(['green_labourer', 'blue_skilled_worker', 'red_experienced_worker']),
      card_number: String(rng.int(1, 99_999_999)).padStart(8, '0'),
      issued_on: issued,
      expires_on: addYearsIso(issued, 5),
      is_first_labourer_card: 0,
      course_run_id: null,
      created_at: ts(issued),
    });
  }

  const l1Ids = await insertReturning(ctx, 'l1_awards', l1);
  await insertInChunks(hse, 1000, async (chunk) => void (await tx.insertInto('hse_tests').values(chunk).execute()));
  const cardIds = await insertReturning(ctx, 'cscs_cards', cards);
  await insertInChunks(ppe, 1000, async (chunk) => void (await tx.insertInto('ppe_issues').values(chunk).execute()));
  await insertInChunks(
    signoffs,
    1000,
    async (chunk) => void (await tx.insertInto('site_ready_signoffs').values(chunk).execute()),
  );

  // Outcomes. The app records them one at a time through recordOutcomeOnce (audited); a demo of
  // 100,000 people writes them in bulk like the outcomes demo does, kept unique by the same key
  // (person, type, date) that recordOutcomeOnce honours.
  const outcomes: DemoOutcome[] = [];
  for (const c of completions)
    outcomes.push({
      pid: c.pid,
      type: 'course_completed',
      date: c.date,
      ref: `enrolment:${c.enrolmentId}`,
      runId: c.runId,
      title: c.title,
    });
  for (const [i, a] of l1.entries())
    outcomes.push({
      pid: a.participant_id,
      type: 'qualification',
      date: a.achieved_on,
      ref: `l1_award:${l1Ids[i]}`,
      runId: a.course_run_id,
      title: L1_TITLE,
    });
  // Cards from before the programme (returners) are not its outcomes.
  for (const [i, c] of cards.entries())
    if (c.course_run_id !== null)
      outcomes.push({
        pid: c.participant_id,
        type: 'cscs_card',
        date: c.issued_on,
        ref: `cscs_card:${cardIds[i]}`,
        runId: c.course_run_id,
        title: null,
      });
  const facts = new Map<number, SiteReadyFacts>();
  const of = (id: number) =>
    facts.get(id) ?? facts.set(id, { cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] }).get(id)!;
  for (const c of cards)
    of(c.participant_id).cards.push({
      cardType: c.card_type,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      isFirstLabourerCard: c.is_first_labourer_card === 1,
    });
  for (const t of hse) of(t.participant_id).hseTests.push({ takenOn: t.taken_on, score: t.score });
  for (const p of ppe) of(p.participant_id).ppeIssues.push({ issuedOn: p.issued_on });
  for (const s of signoffs) of(s.participant_id).signoffs.push({ signedOn: s.signed_on, revokedOn: null });
  for (const [pid, f] of facts) {
    const r = evaluateSiteReady(defaultSiteReadyRule, f, today);
    if (r.ready && r.readySince)
      outcomes.push({
        pid,
        type: 'site_ready',
        date: r.readySince,
        ref: `site_ready:${r.readySince}`,
        runId: null,
        title: null,
      });
  }
  await insertOutcomes(ctx, outcomes);
}

interface DemoOutcome {
  pid: number;
  type: 'course_completed' | 'qualification' | 'cscs_card' | 'site_ready';
  date: string;
  ref: string;
  runId: number | null;
  title: string | null;
}

async function insertOutcomes(ctx: DemoContext, outcomes: DemoOutcome[]): Promise<void> {
  const { rng, tx, today } = ctx;
  let done = 0;
  await inChunks(outcomes, 500, async (chunk) => {
    ctx.throwIfCancelled();
    const rows = chunk.map((o) => {
      // Course records are checked against certificates: most older ones are verified.
      const verified = addDays(o.date, 30) < today && rng.chance(0.75);
      const stamp = `${o.date}T16:00:00.000Z`;
      return {
        participant_id: o.pid,
        outcome_type: o.type,
        outcome_date: o.date,
        placement_id: null,
        employer_org_id: null,
        course_run_id: o.runId,
        contract_id: null,
        parent_outcome_id: null,
        sector: o.type === 'site_ready' || o.type === 'cscs_card' ? 'construction' : null,
        hours_per_week: null,
        apprenticeship_standard: null,
        apprenticeship_level: null,
        qualification_title: o.title,
        notes: null,
        source: 'course' as const,
        source_ref: o.ref,
        verification_status: verified ? ('verified' as const) : ('unverified' as const),
        verified_by: verified ? rng.pick(ctx.staffIds) : null,
        verified_at: verified ? `${addDays(o.date, rng.int(3, 28))}T11:00:00.000Z` : null,
        verification_reason: null,
        created_at: stamp,
        created_by: rng.pick(ctx.staffIds),
        updated_at: stamp,
      };
    });
    await tx
      .insertInto('outcomes')
      .values(rows)
      .onConflict((oc) => oc.columns(['participant_id', 'outcome_type', 'outcome_date']).doNothing())
      .execute();
    done += chunk.length;
    await ctx.progress(
      done,
      outcomes.length,
      `Course outcomes ${done.toLocaleString('en-GB')} of ${outcomes.length.toLocaleString('en-GB')}`,
    );
  });
}

async function insertReturning<T extends Record<string, unknown>>(
  ctx: DemoContext,
  table: 'l1_awards' | 'cscs_cards',
  rows: T[],
): Promise<number[]> {
  const ids: number[] = [];
  await insertInChunks(rows, 500, async (chunk) => {
    // The rows match the table; Kysely cannot narrow a table chosen at run time.
    const out = await ctx.tx
      .insertInto(table)
      .values(chunk as never)
      .returning('id')
      .execute();
    ids.push(...out.map((o) => o.id));
  });
  return ids;
}

export const coursesSteps: DemoStep[] = [coursesStep];
