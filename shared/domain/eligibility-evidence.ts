// Which document evidences which eligibility check, as an auditor reads it (DOMAIN.md §3, §7):
// right to live and work is shown only by a UK or Irish passport, a UK birth certificate with
// evidence of the NI number, or a Home Office online check (eVisa or EU Settlement Scheme status,
// each with a share code); a biometric residence permit stopped being valid at the end of 2024;
// a driving licence or a utility bill shows identity or address, never right to work. Age and
// address have their own documents. Pure: the form offers only accepted types per check and the
// rules (eligibility.ts) judge each recorded check with the same table.

export const eligibilityCheckCodes = ['age', 'right_to_work', 'residence'] as const;
export type EligibilityCheckCode = (typeof eligibilityCheckCodes)[number];

/** The last day a biometric residence permit counted as evidence of right to work. */
export const BRP_VALID_UNTIL = '2024-12-31';

export interface EvidenceType {
  code: string;
  label: string;
  /** The checks this document can evidence. */
  proves: readonly EligibilityCheckCode[];
  /** Evidence seen after this date no longer counts for right to work. */
  rightToWorkUntil?: string;
  /** Only for people with no fixed abode (a statement of local connection instead of an address). */
  noFixedAbodeOnly?: boolean;
  /** Recorded by earlier versions; kept so old checks still read, never offered for new ones. */
  legacy?: boolean;
  /** Why the document does not show something people often think it does. */
  note?: string;
}

export const evidenceTypes: readonly EvidenceType[] = [
  // Right to live and work (each also shows date of birth where it says so)
  { code: 'uk_irish_passport', label: 'UK or Irish passport', proves: ['right_to_work', 'age'] },
  {
    code: 'birth_certificate_and_ni',
    label: 'UK birth or adoption certificate with evidence of NI number',
    proves: ['right_to_work', 'age'],
  },
  { code: 'evisa_share_code', label: 'eVisa: Home Office online check (share code)', proves: ['right_to_work'] },
  {
    code: 'euss_share_code',
    label: 'EU Settlement Scheme status: online check (share code)',
    proves: ['right_to_work'],
  },
  {
    code: 'biometric_residence_permit',
    label: 'Biometric residence permit (not valid after 31/12/2024)',
    proves: ['right_to_work', 'age'],
    rightToWorkUntil: BRP_VALID_UNTIL,
    note: 'Biometric residence permits stopped being valid at the end of 2024: check the eVisa with a share code instead',
  },
  // Identity and age
  { code: 'other_passport', label: 'Passport of another country', proves: ['age'] },
  { code: 'national_identity_card', label: 'National identity card', proves: ['age'] },
  {
    code: 'driving_licence',
    label: 'Driving licence',
    proves: ['age', 'residence'],
    note: 'A driving licence shows identity and address, never right to work',
  },
  // Address
  {
    code: 'utility_bill',
    label: 'Utility bill',
    proves: ['residence'],
    note: 'A utility bill shows an address, never right to work',
  },
  { code: 'council_tax_bill', label: 'Council tax bill', proves: ['residence'] },
  { code: 'tenancy_agreement', label: 'Tenancy agreement', proves: ['residence'] },
  { code: 'bank_statement', label: 'Bank or building society statement', proves: ['residence'] },
  { code: 'dwp_letter', label: 'DWP letter or referral', proves: ['residence'] },
  {
    code: 'local_connection_statement',
    label: 'Local-connection statement (no fixed abode)',
    proves: ['residence'],
    noFixedAbodeOnly: true,
  },
  // Recorded before evidence types were kept apart
  { code: 'other', label: 'Other document', proves: [], legacy: true },
  {
    code: 'passport',
    label: 'Passport (nationality not recorded)',
    proves: ['age'],
    legacy: true,
    note: 'A passport shows right to work only if it is a UK or Irish passport: record the check again saying which',
  },
  {
    code: 'home_office_share_code',
    label: 'Home Office share code / status',
    proves: ['right_to_work'],
    legacy: true,
  },
  {
    code: 'proof_of_address',
    label: 'Proof of address (bill, tenancy, council tax)',
    proves: ['residence'],
    legacy: true,
  },
];

const byCode = new Map(evidenceTypes.map((t) => [t.code, t]));

export function evidenceType(code: string | null | undefined): EvidenceType | undefined {
  return code ? byCode.get(code) : undefined;
}

export function evidenceLabel(code: string): string {
  return byCode.get(code)?.label ?? code;
}

export const checkLabels: Record<EligibilityCheckCode, string> = {
  age: 'Aged 16 or over on the start date',
  right_to_work: 'Right to live and work in the UK',
  residence: 'Lives in the local area (or has a local connection)',
};

/** What a check needs, in the words the form shows beside the evidence list. */
export const checkEvidenceHints: Record<EligibilityCheckCode, string> = {
  age: 'A document showing the date of birth',
  right_to_work: 'UK or Irish passport, UK birth certificate with NI evidence, or a Home Office online check',
  residence: 'A document showing the address; for no fixed abode, a local-connection statement',
};

/** What a document for each check must show. */
const evidenceOf: Record<EligibilityCheckCode, string> = {
  age: 'date of birth',
  right_to_work: 'right to live and work in the UK',
  residence: 'address',
};

export type Acceptance = { accepted: true } | { accepted: false; reason: string };

/**
 * Whether `code`, seen on `seenOn`, evidences `check` for a person (with no fixed abode or not).
 * Legacy types are judged like any other (old checks keep reading); `offerable` says whether the
 * form may record them now.
 */
export function evidenceAcceptance(
  check: EligibilityCheckCode,
  code: string | null,
  seenOn: string | null,
  person: { noFixedAbode: boolean } = { noFixedAbode: false },
): Acceptance {
  if (!code) return { accepted: false, reason: 'No evidence recorded' };
  const type = byCode.get(code);
  if (!type) return { accepted: false, reason: `Unknown evidence type "${code}"` };
  const what = evidenceOf[check];
  if (!type.proves.includes(check)) {
    if (type.note && (check === 'right_to_work' || type.legacy)) return { accepted: false, reason: type.note };
    return { accepted: false, reason: `${type.label} is not evidence of ${what}` };
  }
  if (check === 'right_to_work' && type.rightToWorkUntil && (!seenOn || seenOn > type.rightToWorkUntil))
    return { accepted: false, reason: type.note ?? `${type.label} is no longer valid` };
  if (type.noFixedAbodeOnly && !person.noFixedAbode)
    return { accepted: false, reason: `${type.label} is only for people with no fixed abode` };
  return { accepted: true };
}

/** The types the form offers for a check: no legacy ones; the permit kept, marked, for checks made
 * before it expired. */
export function offeredEvidence(check: EligibilityCheckCode, person: { noFixedAbode: boolean }): EvidenceType[] {
  return evidenceTypes.filter(
    (t) => !t.legacy && t.proves.includes(check) && (!t.noFixedAbodeOnly || person.noFixedAbode),
  );
}
