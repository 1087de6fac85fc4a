// The return as a funder workbook: a summary laid out like a return (title, funder, period,
// version, one row per indicator), the claim lines (personal columns as the funder is set up
// for), and the equality breakdown of the people counted. Written by the one safe xlsx writer.
import { equalityBreakdown } from '../../../shared/domain/equality-breakdown';
import { formatUkDate } from '../../../shared/domain/dates';
import type { personalColumnCodes } from '../../../shared/contract/returns.contract';
import { writeXlsx, type XlsxColumn } from '../export/xlsx-writer';
import type { ClaimLine } from './indicator-engine';
import type { SetVersion } from './indicator-sets.repository';
import type { PeopleAreas } from '../../../shared/contract/geography.contract';

export type PersonalColumn = (typeof personalColumnCodes)[number];

export interface ReturnWorkbookInput {
  sv: SetVersion;
  funderName: string;
  personalColumns: PersonalColumn[];
  from: string;
  to: string;
  periodLabel: string;
  lines: ClaimLine[];
  /** Where the people counted live, by ward and deprivation decile (each person once). */
  areas?: PeopleAreas;
  /** "Draft (not submitted)" or "Submitted 05/10/2025 by …". */
  status: string;
  producedOn: string;
}

function evidenceText(l: ClaimLine): string {
  if (l.itemKind === 'outcome') {
    const verified = l.verifiedWithoutEvidence ? 'verified without evidence' : (l.verificationStatus ?? 'unverified');
    return `${l.evidenceCount ?? 0} evidence item${l.evidenceCount === 1 ? '' : 's'}; ${verified}`;
  }
  if (l.itemKind === 'participant')
    return `${l.evidenceCount ?? 0} eligibility check${l.evidenceCount === 1 ? '' : 's'} with evidence seen`;
  return 'Programme record';
}

export function returnWorkbookName(setCode: string, from: string, to: string): string {
  return `${setCode}-return-${from}-to-${to}.xlsx`;
}

export async function writeReturnWorkbook(input: ReturnWorkbookInput): Promise<Uint8Array<ArrayBuffer>> {
  const { sv, lines } = input;
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.indicatorCode, (counts.get(l.indicatorCode) ?? 0) + 1);
  const titles = new Map(sv.indicators.map((i) => [i.code, i.title]));

  const summaryColumns: XlsxColumn<(typeof sv.indicators)[number]>[] = [
    { header: 'Indicator code', type: 'text', width: 14, value: (i) => i.code },
    { header: 'Intervention', type: 'text', width: 12, value: (i) => i.interventionCode },
    { header: 'Indicator', type: 'text', width: 70, value: (i) => i.title },
    { header: 'Unit', type: 'text', width: 14, value: (i) => i.unit },
    { header: 'Count', type: 'integer', width: 10, value: (i) => counts.get(i.code) ?? 0 },
    {
      header: 'Status of definition',
      type: 'text',
      width: 24,
      value: (i) => (i.needsLocalConfirmation ? 'For local confirmation' : 'Confirmed'),
    },
    { header: 'Counting rule', type: 'text', width: 90, value: (i) => i.sentence },
  ];

  const personal = new Set(input.personalColumns);
  const claimColumns: XlsxColumn<ClaimLine>[] = [];
  if (personal.has('reference'))
    claimColumns.push({ header: 'Reference', type: 'text', width: 14, value: (l) => l.reference });
  if (personal.has('name'))
    claimColumns.push({
      header: 'Name',
      type: 'text',
      width: 24,
      value: (l) => (l.personId ? `${l.firstName ?? ''} ${l.lastName ?? ''}`.trim() : null),
    });
  if (personal.has('ni_number'))
    claimColumns.push({ header: 'NI number', type: 'text', width: 13, value: (l) => l.niNumber });
  if (personal.has('date_of_birth'))
    claimColumns.push({ header: 'Date of birth', type: 'date', width: 13, value: (l) => l.dateOfBirth });
  if (personal.has('postcode'))
    claimColumns.push({ header: 'Postcode', type: 'text', width: 11, value: (l) => l.postcode });
  claimColumns.push(
    { header: 'Indicator code', type: 'text', width: 14, value: (l) => l.indicatorCode },
    { header: 'Indicator', type: 'text', width: 50, value: (l) => titles.get(l.indicatorCode) ?? l.indicatorCode },
    {
      header: 'Item',
      type: 'text',
      width: 30,
      value: (l) => (l.employerName ? `${l.itemLabel ?? l.itemKind} (${l.employerName})` : (l.itemLabel ?? l.itemKind)),
    },
    { header: 'Outcome date', type: 'date', width: 13, value: (l) => l.itemDate },
    { header: 'Evidence', type: 'text', width: 34, value: evidenceText },
    { header: 'Verifier', type: 'text', width: 20, value: (l) => l.verifier },
  );

  const equality = equalityBreakdown(lines, input.to);
  const people = new Set(lines.map((l) => l.personId).filter((p) => p !== null)).size;
  const preamble = [
    `${sv.set.name}: return`,
    `Funder: ${input.funderName}`,
    `Period: ${input.periodLabel}`,
    `Indicator set: ${sv.set.code} version ${sv.version}`,
    `Status: ${input.status}; produced ${formatUkDate(input.producedOn)} by Worksbook`,
  ];
  return writeXlsx(
    [
      { name: 'Summary', preamble, columns: summaryColumns, rows: sv.indicators, landscape: true },
      {
        name: 'Claim lines',
        preamble: [
          `${sv.set.name}: claim lines`,
          `Period: ${input.periodLabel}`,
          'One row per counted person or item.',
        ],
        columns: claimColumns,
        rows: lines,
        landscape: true,
      },
      {
        name: 'Equality',
        preamble: [
          `${sv.set.name}: equality breakdown`,
          `Period: ${input.periodLabel}`,
          `${people} people counted under any indicator, each once.`,
        ],
        columns: [
          { header: 'Characteristic', type: 'text', width: 30, value: (r: (typeof equality)[number]) => r.dimension },
          { header: 'Group', type: 'text', width: 55, value: (r: (typeof equality)[number]) => r.group },
          { header: 'People', type: 'integer', width: 10, value: (r: (typeof equality)[number]) => r.people },
          {
            header: 'Share',
            type: 'percent',
            width: 10,
            value: (r: (typeof equality)[number]) => Math.round(r.share * 1000) / 1000,
          },
        ],
        rows: equality,
      },
      ...(input.areas ? [areasSheet(sv.set.name, input.periodLabel, input.areas)] : []),
    ],
    { title: `${sv.set.name} return ${input.periodLabel}` },
  );
}

/** Where the people counted live: by ward, then by deprivation decile, each person once. */
function areasSheet(setName: string, periodLabel: string, areas: PeopleAreas) {
  type Row = { dimension: string; label: string; people: number };
  const rows: Row[] = [
    ...areas.byWard.map((r) => ({ dimension: 'Ward', label: r.label, people: r.people })),
    ...areas.byDecile.map((r) => ({ dimension: 'IMD decile (1 = most deprived)', label: r.label, people: r.people })),
  ];
  return {
    name: 'Where people live',
    preamble: [
      `${setName}: where the people counted live`,
      `Period: ${periodLabel}`,
      `${areas.people} people counted under any indicator, each once, by ward and by deprivation decile.`,
    ],
    columns: [
      { header: 'Breakdown', type: 'text' as const, width: 30, value: (r: Row) => r.dimension },
      { header: 'Area', type: 'text' as const, width: 55, value: (r: Row) => r.label },
      { header: 'People', type: 'integer' as const, width: 10, value: (r: Row) => r.people },
      {
        header: 'Share',
        type: 'percent' as const,
        width: 10,
        value: (r: Row) => (areas.people ? Math.round((r.people / areas.people) * 1000) / 1000 : 0),
      },
    ],
    rows,
  };
}
