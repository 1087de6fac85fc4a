// Referral sources and evidence types become reference lists administrators manage in Settings →
// Reference lists (issue 20): stored in reference_items with the lists the app offered when this
// shipped (copied here, so the migration stays what it was whatever the app offers later), plus any
// other value records already hold, labelled from its words. Stored values are never changed:
// participants, referrals and evidence items keep their codes. Portable: plain selects and inserts.
import type { MigrationDb } from './migration-db';

const shipped: Record<string, Array<[code: string, label: string]>> = {
  referral_source: [
    ['jcp', 'Jobcentre Plus work coach'],
    ['college', 'College'],
    ['employer', 'Employer'],
    ['self', 'Self-referral'],
    ['agency', 'Other agency'],
  ],
  evidence_kind: [
    ['payslip', 'Payslip'],
    ['employer_letter', 'Employer letter or email'],
    ['contract_of_employment', 'Contract of employment'],
    ['certificate', 'Certificate'],
    ['jcp_confirmation', 'Jobcentre Plus confirmation'],
    ['cscs_smart_check', 'CSCS Smart Check result'],
    ['apprenticeship_agreement', 'Apprenticeship agreement'],
    ['enrolment_confirmation', 'Enrolment confirmation'],
    ['self_declaration', 'Self-declaration'],
    ['other', 'Other'],
  ],
};

/** "housing_team" → "Housing team": a value only records hold gets a readable label. */
function labelFromCode(code: string): string {
  const words = code.replace(/_+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

async function heldValues(db: MigrationDb, list: string): Promise<string[]> {
  const values =
    list === 'referral_source'
      ? [
          ...(await db.selectFrom('participants').select('referral_source as v').distinct().execute()),
          ...(await db.selectFrom('participant_referrals').select('referral_source as v').distinct().execute()),
        ]
      : await db.selectFrom('evidence_items').select('kind as v').distinct().execute();
  return [...new Set(values.map((r) => r.v as string | null).filter((v): v is string => !!v))].sort();
}

export async function up(db: MigrationDb): Promise<void> {
  for (const [list, items] of Object.entries(shipped)) {
    const existing = await db.selectFrom('reference_items').select('code').where('list', '=', list).execute();
    const have = new Set(existing.map((r) => r.code as string));
    const rows: Array<{ list: string; code: string; label: string; sort_order: number; is_active: number }> = [];
    for (const [code, label] of items)
      if (!have.has(code)) rows.push({ list, code, label, sort_order: 0, is_active: 1 });
    for (const code of await heldValues(db, list))
      if (!have.has(code) && !items.some(([c]) => c === code))
        rows.push({ list, code, label: labelFromCode(code), sort_order: 0, is_active: 1 });
    rows.forEach((r, i) => (r.sort_order = existing.length + i));
    if (rows.length) await db.insertInto('reference_items').values(rows).execute();
  }
}
