// Demo participants: realistic, messy (missing NI numbers and phones, people outside the area,
// near-duplicate registrations, leavers), deterministic for a seed.
import {
  defaultBarriers,
  disabilities,
  ethnicities,
  qualificationLevels,
  referralSources,
  timeOutOfWork,
  ucConditionalityRegimes,
} from '../../shared/domain/reference-lists';
import { phoneDigits } from '../../shared/domain/identifiers';
import {
  evaluateEligibility,
  isLocalPerson,
  type AreaFacts,
  MINIMUM_AGE,
  type EligibilityCheckInput,
} from '../../shared/domain/eligibility';
import { labourMarketProblem } from '../../shared/domain/labour-market';
import { loadDistricts } from '../features/participants/eligibility.service';
import type { NewParticipant } from '../store/tables/participants.tables';
import { insertInChunks, type DemoContext, type DemoStep } from './demo-context';
import { firstNames, lastNames, streets, districts, towns } from './names';
import { addDays, Random } from './random';
import { birthDateAtAge } from './ages';
import { addYearsIso } from '../../shared/domain/dates';
import { demoStreamFor } from './funding.demo';
import { demoPostcodeOf } from './geography.synthetic';
import type { DemoGeography } from './geography.demo';
import { nameSound } from '../../shared/domain/person-match';

const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NI_BANNED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function demoNiNumber(rng: Random): string {
  for (;;) {
    const prefix = rng.pick([...NI_FIRST]) + rng.pick([...NI_SECOND]);
    if (NI_BANNED.has(prefix)) continue;
    const digits = String(rng.int(0, 999_999)).padStart(6, '0');
    return `${prefix}${digits}${rng.pick(['A', 'B', 'C', 'D'])}`;
  }
}

const UNIT = [...'ABDEFGHJLNPQRSTUWXYZ'];

/** A postcode of the synthetic directory (the same three draws the demo always made). */
function demoPostcode(rng: Random, district: string): string {
  const digit = rng.int(1, 9);
  const a = UNIT.indexOf(rng.pick(UNIT));
  const b = UNIT.indexOf(rng.pick(UNIT));
  return demoPostcodeOf(district, digit, a, b);
}

/** Census disability code → the harmonised question's two answers. */
const disabilityAnswers: Record<string, [string, string | null]> = {
  limited_a_lot: ['yes', 'yes_a_lot'],
  limited_a_little: ['yes', 'yes_a_little'],
  condition_not_limited: ['yes', 'not_at_all'],
  no_condition: ['no', null],
  prefer_not_to_say: ['prefer_not_to_say', null],
};

/** Where a demo postcode lives, from the synthetic directory loaded before (geography.demo.ts). */
function demoArea(geo: DemoGeography | undefined, postcode: string | null) {
  const row = postcode ? geo?.postcodes.get(postcode) : undefined;
  const area: AreaFacts = !geo
    ? { kind: 'no_lookup' }
    : !row
      ? { kind: 'not_found' }
      : {
          kind: 'resolved',
          laCode: row.la,
          laName: geo.names.get(row.la) ?? null,
          wardName: geo.names.get(row.ward) ?? null,
          isLocal: geo.localAuthorities.includes(row.la),
          terminatedOn: row.doterm ? `${row.doterm.slice(0, 4)}-${row.doterm.slice(4)}` : null,
        };
  const columns = {
    geo_status: !geo
      ? 'no_lookup'
      : !postcode
        ? 'no_postcode'
        : !row
          ? 'not_found'
          : row.doterm
            ? 'terminated'
            : 'resolved',
    geo_la_code: row?.la ?? null,
    geo_ward_code: row?.ward ?? null,
    geo_lsoa_code: row?.lsoa21 ?? null,
    geo_imd_decile: row ? (geo?.decileByLsoa.get(row.lsoa21) ?? null) : null,
    geo_terminated: area.kind === 'resolved' ? area.terminatedOn : null,
    geo_version_id: geo?.postcodesVersionId ?? null,
    geo_deprivation_version_id: geo?.deprivationVersionId ?? null,
  };
  return { area, columns };
}

function demoPhone(rng: Random): string {
  return rng.chance(0.85)
    ? `07${rng.int(100, 999)} ${String(rng.int(0, 999_999)).padStart(6, '0')}`
    : `01438 ${String(rng.int(100_000, 999_999))}`;
}

function misspell(rng: Random, name: string): string {
  const i = rng.int(1, Math.max(1, name.length - 2));
  return rng.chance(0.5) ? name.slice(0, i) + name.slice(i + 1) : name.slice(0, i) + name[i]! + name.slice(i);
}

/** The Universal Credit regime that fits the status at entry. */
function ucRegimeFor(status: string, rng: Random): string {
  if (status === 'unemployed' || status === 'long_term_unemployed') return 'intensive_work_search';
  if (status === 'employed') return 'light_touch';
  if (status === 'inactive_in_education') return 'work_focused_interview';
  return rng.pick(
    ucConditionalityRegimes.filter((r) => r.code === 'work_preparation' || r.code === 'no_work_requirements'),
  ).code;
}

export const participantsStep: DemoStep = {
  name: 'participants',
  async run(ctx: DemoContext) {
    const { rng } = ctx;
    const start = addDays(ctx.today, -730);
    const rows: NewParticipant[] = [];
    const facts: DemoContext['participants'] = [];
    const districtsInArea = await loadDistricts(ctx.tx);
    // Details added after the demo's first version draw from their own generator, so the people,
    // courses and outcomes of a seed stay what they were.
    const extra = new Random(ctx.size * 7919 + 16);
    const benefitRows: Array<{ participant_id: number; benefit_code: string }> = [];
    const benefitsByIndex: string[][] = [];
    type CheckRow = {
      participant_id: number;
      check_code: string;
      outcome: 'met' | 'not_met' | 'pending';
      evidence_type: string | null;
      seen_by: number | null;
      seen_on: string | null;
      notes: null;
      recorded_at: string;
    };
    const checksByIndex: Array<Array<Omit<CheckRow, 'participant_id'>>> = [];
    for (let i = 0; i < ctx.size; i++) {
      const near = i > 10 && rng.chance(0.012) ? rows[rng.int(0, rows.length - 1)] : undefined;
      const district = near?.postcode_district ?? rng.weighted(districts);
      const drawnStart = addDays(start, rng.int(0, 729));
      const age = rng.weighted([
        [rng.int(16, 24), 40],
        [rng.int(25, 49), 42],
        [rng.int(50, 64), 16],
        [rng.int(16, 16), 2],
      ] as const);
      const dob = near?.date_of_birth ?? (rng.chance(0.02) ? null : birthDateAtAge(drawnStart, age, rng.int(0, 364)));
      // A near duplicate shares another's date of birth: they start no earlier than their 16th birthday.
      const startDate = dob && drawnStart < addYearsIso(dob, MINIMUM_AGE) ? addYearsIso(dob, MINIMUM_AGE) : drawnStart;
      const hasNi = rng.chance(0.9);
      const sex = rng.weighted([
        ['male', 70],
        ['female', 28],
        ['prefer_not_to_say', 2],
      ] as const);
      const first = near?.first_name ?? rng.pick(firstNames);
      const last = near ? misspell(rng, near.last_name) : rng.pick(lastNames);
      const lms = rng.weighted([
        ['unemployed', 35],
        ['long_term_unemployed', 30],
        ['inactive_not_in_education', 20],
        ['inactive_in_education', 5],
        ['employed', 10],
      ] as const);
      const referral = rng.weighted([
        ['jcp', 55],
        ['college', 15],
        ['self', 15],
        ['employer', 5],
        ['agency', 10],
      ] as const);
      const isLeaver = addDays(startDate, 200) < ctx.today && rng.chance(0.5);
      const postcode = rng.chance(0.03) ? null : demoPostcode(rng, district);
      // Evidence as an officer would have recorded it; the status comes from the shared rule.
      const seenBy = rng.pick(ctx.staffIds);
      const rtw = rng.chance(0.92);
      const recordedAt = `${startDate}T09:10:00.000Z`;
      // No fixed abode: about one in sixty, with a local-connection statement seen.
      const noFixedAbode = extra.chance(1 / 60);
      const rtwDocument = rtw ? rng.pick(['uk_irish_passport', 'birth_certificate_and_ni', 'evisa_share_code']) : null;
      const checks: Array<Omit<CheckRow, 'participant_id'>> = [
        {
          check_code: 'age',
          outcome: dob ? 'met' : 'pending',
          // A passport or birth certificate shows the date of birth; an eVisa holder shows their own passport.
          evidence_type: dob ? (rtwDocument === 'evisa_share_code' ? 'other_passport' : 'driving_licence') : null,
          seen_by: dob ? seenBy : null,
          seen_on: dob ? startDate : null,
          notes: null,
          recorded_at: recordedAt,
        },
        {
          check_code: 'right_to_work',
          outcome: rtw ? 'met' : 'pending',
          evidence_type: rtwDocument,
          seen_by: rtw ? seenBy : null,
          seen_on: rtw ? startDate : null,
          notes: null,
          recorded_at: recordedAt,
        },
        {
          check_code: 'residence',
          outcome: postcode || noFixedAbode ? 'met' : 'pending',
          evidence_type: noFixedAbode ? 'local_connection_statement' : postcode ? 'council_tax_bill' : null,
          seen_by: postcode || noFixedAbode ? seenBy : null,
          seen_on: postcode || noFixedAbode ? startDate : null,
          notes: null,
          recorded_at: recordedAt,
        },
      ];
      checksByIndex.push(checks);
      const ruleChecks: EligibilityCheckInput[] = checks.map((c) => ({
        checkCode: c.check_code,
        outcome: c.outcome,
        evidenceType: c.evidence_type,
        seenOn: c.seen_on,
        recordedAt: c.recorded_at,
      }));
      const stream = demoStreamFor(rng, startDate, district === 'SG1' || district === 'SG2');
      const phone = near?.phone ?? (rng.chance(0.93) ? demoPhone(rng) : null);
      const reference = `SW-${String(i + 1).padStart(6, '0')}`;
      // Drawn in the order the demo always drew them, so a seed gives the same people.
      const shownFirst = rng.chance(0.01) ? first.toUpperCase() : first;
      const preferredName = rng.chance(0.05) ? first.slice(0, 3) : null;
      const niNumber = near?.ni_number ?? (hasNi ? demoNiNumber(rng) : null);
      const address = `${rng.int(1, 180)} ${rng.pick(streets)}`;
      const email = rng.chance(0.6)
        ? `${first}.${last}${rng.int(1, 99)}@example.org`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
        : null;
      const preferredContact = rng.pick(['phone', 'text', 'email']);
      const genderSameAsBirth = rng.weighted([
        ['yes', 90],
        ['prefer_not_to_say', 8],
        ['no', 2],
      ] as const);
      const ethnicity = rng.chance(0.05)
        ? 'prefer_not_to_say'
        : rng.weighted(ethnicities.map((e) => [e.code, e.code === 'white_british' ? 60 : 3] as const));
      const disability = rng.weighted(disabilities.map((d) => [d.code, d.code === 'no_condition' ? 70 : 7] as const));
      const isCarer = rng.weighted([
        ['no', 85],
        ['yes', 10],
        ['prefer_not_to_say', 5],
      ] as const);
      const isLoneParent = rng.weighted([
        ['no', 85],
        ['yes', 11],
        ['prefer_not_to_say', 4],
      ] as const);
      const benefit =
        lms === 'employed'
          ? 'none'
          : rng.weighted([
              ['universal_credit', 75],
              ['esa', 8],
              ['none', 12],
              ['prefer_not_to_say', 5],
            ] as const);
      const timeOut = lms === 'employed' ? 'in_work' : rng.pick(timeOutOfWork.filter((t) => t.code !== 'in_work')).code;
      const qualificationLevel = rng.pick(qualificationLevels).code;
      const referralDate = addDays(startDate, -rng.int(0, 21));
      const referrerName = referral === 'jcp' ? `Work coach ${rng.pick(lastNames)}` : null;
      const keyWorkerId = rng.pick(ctx.staffIds);
      const leaveDate = isLeaver ? addDays(startDate, rng.int(60, 200)) : null;
      const consent = JSON.stringify(rng.chance(0.9) ? ['NHC', 'JCP'] : ['JCP']);
      const createdBy = rng.pick(ctx.staffIds);

      // Labour-market status as an officer would record it from the time out of work (ESF: long-term
      // unemployed is 12 months or more, 6 or more under 25); one record in forty is left
      // disagreeing, so the review list has something to show.
      const problem = labourMarketProblem({
        status: lms,
        timeOutOfWork: timeOut,
        dateOfBirth: dob,
        entryDate: startDate,
      });
      const lmsAtEntry = problem?.suggested && i % 40 !== 7 ? problem.suggested : lms;
      const [healthCondition, conditionImpact] = disabilityAnswers[disability] ?? [null, null];
      // Several benefits at once: PIP beside Universal Credit or ESA, Carer's Allowance for some carers.
      const benefits: string[] = [benefit];
      if (
        (benefit === 'universal_credit' || benefit === 'esa') &&
        disability.startsWith('limited') &&
        extra.chance(0.5)
      )
        benefits.push('pip');
      if (benefit === 'universal_credit' && isCarer === 'yes' && extra.chance(0.3)) benefits.push('carers_allowance');
      benefitsByIndex.push(benefits);
      const ucRegime = benefit === 'universal_credit' ? ucRegimeFor(lmsAtEntry, extra) : null;

      const where = demoArea(ctx.geography, noFixedAbode ? null : postcode);
      const person = { dateOfBirth: dob, startDate, postcode, noFixedAbode, area: where.area, checks: ruleChecks };
      const context = { districts: districtsInArea, localLabel: 'Stevenage' };
      const eligibility = evaluateEligibility(person, context, ctx.today);
      const eligible = eligibility.status === 'eligible';
      rows.push({
        reference,
        status: isLeaver ? 'left' : 'active',
        merged_into_id: null,
        first_name: shownFirst,
        last_name: last,
        preferred_name: preferredName,
        first_name_sound: nameSound(first),
        last_name_sound: nameSound(last),
        date_of_birth: dob,
        ni_number: niNumber,
        ni_status: near?.ni_number || hasNi ? 'known' : 'not_yet_known',
        uln: null,
        address_line1: address,
        address_line2: null,
        town: towns[district] ?? 'Stevenage',
        postcode,
        postcode_district: district,
        phone: phone,
        phone_digits: phoneDigits(phone),
        email,
        preferred_contact: preferredContact,
        sex,
        gender_same_as_birth: genderSameAsBirth,
        ethnicity,
        disability,
        health_condition: healthCondition,
        condition_impact: conditionImpact,
        is_carer: isCarer,
        is_lone_parent: isLoneParent,
        labour_market_status: lmsAtEntry,
        uc_conditionality: ucRegime,
        time_out_of_work: timeOut,
        qualification_level: qualificationLevel,
        no_fixed_abode: noFixedAbode ? 1 : 0,
        ...where.columns,
        is_local: isLocalPerson(person, context) ? 1 : 0,
        referral_source: referral,
        referral_date: referralDate,
        referrer_name: referrerName,
        funding_stream_id: ctx.fundingStreamIds[stream] ?? null,
        key_worker_id: keyWorkerId,
        start_date: startDate,
        leave_date: leaveDate,
        privacy_notice_version: '2024.1',
        privacy_notice_date: startDate,
        consent_partners_json: consent,
        lawful_basis_note: 'Public task (Art. 6(1)(e)); substantial public interest (Sch. 1)',
        eligibility_status: eligibility.status,
        created_at: `${startDate}T09:00:00.000Z`,
        created_by: createdBy,
        updated_at: `${startDate}T09:00:00.000Z`,
        updated_by: null,
      });
      facts.push({ id: 0, startDate, dateOfBirth: dob, district, isEligible: eligible });
    }
    void referralSources;

    const total = rows.length;
    let done = 0;
    await insertInChunks(rows, 400, async (chunk) => {
      ctx.throwIfCancelled();
      const inserted = await ctx.tx.insertInto('participants').values(chunk).returning('id').execute();
      for (const [j, r] of inserted.entries()) facts[done + j]!.id = r.id;
      done += chunk.length;
      await ctx.progress(
        done,
        total,
        `Participants ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`,
      );
    });
    ctx.participants = facts;

    // Barriers and the eligibility evidence decided above
    const barrierRows: Array<{ participant_id: number; barrier_code: string }> = [];
    const checkRows: CheckRow[] = [];
    for (const [i, p] of facts.entries()) {
      for (const b of defaultBarriers)
        if (rng.chance(b.code === 'other' ? 0.03 : 0.12))
          barrierRows.push({ participant_id: p.id, barrier_code: b.code });
      for (const c of checksByIndex[i]!) checkRows.push({ ...c, participant_id: p.id });
      for (const b of benefitsByIndex[i]!) benefitRows.push({ participant_id: p.id, benefit_code: b });
    }
    await insertInChunks(
      barrierRows,
      2000,
      async (chunk) => void (await ctx.tx.insertInto('participant_barriers').values(chunk).execute()),
    );
    await insertInChunks(
      benefitRows,
      2000,
      async (chunk) => void (await ctx.tx.insertInto('participant_benefits').values(chunk).execute()),
    );
    await insertInChunks(
      checkRows,
      1000,
      async (chunk) => void (await ctx.tx.insertInto('eligibility_checks').values(chunk).execute()),
    );
  },
};
