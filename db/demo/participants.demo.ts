// Demo participants: realistic, messy (missing NI numbers and phones, people outside the area,
// near-duplicate registrations, leavers), deterministic for a seed.
import {
  defaultBarriers,
  disabilities,
  ethnicities,
  qualificationLevels,
  referralSources,
  timeOutOfWork,
} from '../../shared/domain/reference-lists';
import { phoneDigits } from '../../shared/domain/identifiers';
import { evaluateEligibility, type EligibilityCheckInput } from '../../shared/domain/eligibility';
import { loadDistricts } from '../features/participants/eligibility.service';
import type { NewParticipant } from '../store/tables/participants.tables';
import { insertInChunks, type DemoContext, type DemoStep } from './demo-context';
import { firstNames, lastNames, streets, districts, towns } from './names';
import { addDays, type Random } from './random';
import { demoStreamFor } from './funding.demo';

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

function demoPostcode(rng: Random, district: string): string {
  return `${district} ${rng.int(1, 9)}${rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'])}${rng.pick([...'ABDEFGHJLNPQRSTUWXYZ'])}`;
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

export const participantsStep: DemoStep = {
  name: 'participants',
  async run(ctx: DemoContext) {
    const { rng } = ctx;
    const start = addDays(ctx.today, -730);
    const rows: NewParticipant[] = [];
    const facts: DemoContext['participants'] = [];
    const districtsInArea = await loadDistricts(ctx.tx);
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
      const startDate = addDays(start, rng.int(0, 729));
      const age = rng.weighted([
        [rng.int(16, 24), 40],
        [rng.int(25, 49), 42],
        [rng.int(50, 64), 16],
        [rng.int(15, 15), 2],
      ] as const);
      const dob = near?.date_of_birth ?? (rng.chance(0.02) ? null : addDays(startDate, -(age * 365 + rng.int(0, 364))));
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
      const checks: Array<Omit<CheckRow, 'participant_id'>> = [
        {
          check_code: 'age',
          outcome: dob ? 'met' : 'pending',
          evidence_type: dob ? 'passport' : null,
          seen_by: dob ? seenBy : null,
          seen_on: dob ? startDate : null,
          notes: null,
          recorded_at: recordedAt,
        },
        {
          check_code: 'right_to_work',
          outcome: rtw ? 'met' : 'pending',
          evidence_type: rtw ? rng.pick(['passport', 'birth_certificate_and_ni', 'home_office_share_code']) : null,
          seen_by: rtw ? seenBy : null,
          seen_on: rtw ? startDate : null,
          notes: null,
          recorded_at: recordedAt,
        },
        {
          check_code: 'residence',
          outcome: postcode && districtsInArea.includes(district) ? 'met' : postcode ? 'not_met' : 'pending',
          evidence_type: postcode ? 'proof_of_address' : null,
          seen_by: postcode ? seenBy : null,
          seen_on: postcode ? startDate : null,
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
      const eligibility = evaluateEligibility(
        { dateOfBirth: dob, startDate, postcode, checks: ruleChecks },
        districtsInArea,
        ctx.today,
      );
      const eligible = eligibility.status === 'eligible';
      const stream = demoStreamFor(rng, startDate, district === 'SG1' || district === 'SG2');
      const phone = near?.phone ?? (rng.chance(0.93) ? demoPhone(rng) : null);
      const reference = `SW-${String(i + 1).padStart(6, '0')}`;
      rows.push({
        reference,
        status: isLeaver ? 'left' : 'active',
        merged_into_id: null,
        first_name: rng.chance(0.01) ? first.toUpperCase() : first,
        last_name: last,
        preferred_name: rng.chance(0.05) ? first.slice(0, 3) : null,
        date_of_birth: dob,
        ni_number: near?.ni_number ?? (hasNi ? demoNiNumber(rng) : null),
        ni_status: near?.ni_number || hasNi ? 'known' : 'not_yet_known',
        uln: null,
        address_line1: `${rng.int(1, 180)} ${rng.pick(streets)}`,
        address_line2: null,
        town: towns[district] ?? 'Stevenage',
        postcode,
        postcode_district: district,
        phone: phone,
        phone_digits: phoneDigits(phone),
        email: rng.chance(0.6)
          ? `${first}.${last}${rng.int(1, 99)}@example.org`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
          : null,
        preferred_contact: rng.pick(['phone', 'text', 'email']),
        sex,
        gender_same_as_birth: rng.weighted([
          ['yes', 90],
          ['prefer_not_to_say', 8],
          ['no', 2],
        ] as const),
        ethnicity: rng.chance(0.05)
          ? 'prefer_not_to_say'
          : rng.weighted(ethnicities.map((e) => [e.code, e.code === 'white_british' ? 60 : 3] as const)),
        disability: rng.weighted(disabilities.map((d) => [d.code, d.code === 'no_condition' ? 70 : 7] as const)),
        is_carer: rng.weighted([
          ['no', 85],
          ['yes', 10],
          ['prefer_not_to_say', 5],
        ] as const),
        is_lone_parent: rng.weighted([
          ['no', 85],
          ['yes', 11],
          ['prefer_not_to_say', 4],
        ] as const),
        labour_market_status: lms,
        benefits:
          lms === 'employed'
            ? 'none'
            : rng.weighted([
                ['universal_credit', 75],
                ['esa', 8],
                ['none', 12],
                ['prefer_not_to_say', 5],
              ] as const),
        time_out_of_work:
          lms === 'employed' ? 'in_work' : rng.pick(timeOutOfWork.filter((t) => t.code !== 'in_work')).code,
        qualification_level: rng.pick(qualificationLevels).code,
        referral_source: referral,
        referral_date: addDays(startDate, -rng.int(0, 21)),
        referrer_name: referral === 'jcp' ? `Work coach ${rng.pick(lastNames)}` : null,
        funding_stream_id: ctx.fundingStreamIds[stream] ?? null,
        key_worker_id: rng.pick(ctx.staffIds),
        start_date: startDate,
        leave_date: isLeaver ? addDays(startDate, rng.int(60, 200)) : null,
        privacy_notice_version: '2024.1',
        privacy_notice_date: startDate,
        consent_partners_json: JSON.stringify(rng.chance(0.9) ? ['NHC', 'JCP'] : ['JCP']),
        lawful_basis_note: 'Public task (Art. 6(1)(e)); substantial public interest (Sch. 1)',
        eligibility_status: eligibility.status,
        created_at: `${startDate}T09:00:00.000Z`,
        created_by: rng.pick(ctx.staffIds),
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
    }
    await insertInChunks(
      barrierRows,
      2000,
      async (chunk) => void (await ctx.tx.insertInto('participant_barriers').values(chunk).execute()),
    );
    await insertInChunks(
      checkRows,
      1000,
      async (chunk) => void (await ctx.tx.insertInto('eligibility_checks').values(chunk).execute()),
    );
  },
};
