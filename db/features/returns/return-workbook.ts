// A return as two files, written by the one safe xlsx writer:
// - the aggregate return: the summary laid out like a return (title, funder, agreement, period,
//   version, one row per indicator with this period, cumulative, target, profile to date,
//   variance and RAG), the figures by period, the split by project and intervention, and the
//   equality breakdown of the people counted and where they live (ward, deprivation decile).
//   Figures only: no reference, name, identifier or date about anyone (a test reads it back to check);
// - the evidence pack: one row per claim line with the person's reference, the item, its funding,
//   evidence and verifier; names, NI numbers, dates of birth and postcodes only where the funder's
//   settings ask for them.
import { labelOfCode, plural } from '../../../shared/domain/labels';
import { verificationStatuses } from '../../../shared/domain/outcome-lists';
import { equalityBreakdown, type EqualityPerson } from '../../../shared/domain/equality-breakdown';
import { formatUkDate } from '../../../shared/domain/dates';
import { definitionStatusShort, type DefinitionStatus } from '../../../shared/domain/definition-status';
import { ragLabels, type Rag } from '../../../shared/domain/targets';
import type { personalColumnCodes } from '../../../shared/contract/returns.contract';
import { writeXlsx, type XlsxColumn } from '../export/xlsx-writer';
import { untracked, type RowTracker } from '../export/export-job';
import type { ClaimLine } from './indicator-engine';
import type { SetVersion } from './indicator-sets.repository';
import type { PeopleAreas } from '../../../shared/contract/geography.contract';

export type PersonalColumn = (typeof personalColumnCodes)[number];

/** One indicator's figures in the aggregate return. */
export interface AggregateFigure {
  code: string;
  interventionCode: string | null;
  title: string;
  unit: string;
  count: number;
  cumulative: number;
  target: number | null;
  profileToDate: number | null;
  variance: number | null;
  rag: Rag;
  definitionStatus: DefinitionStatus;
  agreedBy: string | null;
  agreedOn: string | null;
  sentence: string;
  byProject: Array<{
    project: string | null;
    fundingStream: string | null;
    interventionCode: string | null;
    count: number;
  }>;
}

/** Earlier submitted returns of the set, for the figures by period. */
export interface PeriodTotals {
  periodLabel: string;
  totals: Record<string, number>;
}

export interface AggregateInput {
  sv: SetVersion;
  funderName: string;
  periodLabel: string;
  /** What staff and the funder must know: the agreement's dates, a clipped period, closure. */
  notes: string[];
  figures: AggregateFigure[];
  earlier: PeriodTotals[];
  cumulativeFrom: string;
  /** The people counted, for the equality breakdown (only counts leave this module). */
  people: EqualityPerson[];
  periodEnd: string;
  /** Where the people counted live, by ward and deprivation decile (each person once). */
  areas?: PeopleAreas;
  /** "Draft (not submitted)" or "Submitted 05/10/2025 by …". */
  status: string;
  producedOn: string;
}

export interface EvidenceInput {
  sv: SetVersion;
  funderName: string;
  personalColumns: PersonalColumn[];
  periodLabel: string;
  lines: ClaimLine[];
  status: string;
  producedOn: string;
}

function evidenceText(l: ClaimLine): string {
  if (l.itemKind === 'outcome') {
    const verified = l.verifiedWithoutEvidence
      ? 'verified without evidence'
      : labelOfCode(l.verificationStatus ?? 'unverified', verificationStatuses).toLowerCase();
    return `${plural(l.evidenceCount ?? 0, 'evidence item')}; ${verified}`;
  }
  if (l.itemKind === 'participant' || l.itemKind === 'funding_spell')
    return `${plural(l.evidenceCount ?? 0, 'eligibility check')} with evidence seen`;
  return 'Programme record';
}

export function returnWorkbookName(setCode: string, from: string, to: string): string {
  return `${setCode}-return-${from}-to-${to}.xlsx`;
}

export function evidencePackName(setCode: string, from: string, to: string): string {
  return `${setCode}-evidence-${from}-to-${to}.xlsx`;
}

function definitionText(f: AggregateFigure): string {
  if (f.definitionStatus !== 'agreed') return definitionStatusShort[f.definitionStatus];
  const who = [f.agreedBy, f.agreedOn ? formatUkDate(f.agreedOn) : null].filter(Boolean).join(', ');
  return `${definitionStatusShort.agreed}${who ? ` (confirmed: ${who})` : ''}`;
}

const ragText: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', none: '' };

export async function writeAggregateWorkbook(input: AggregateInput): Promise<Uint8Array<ArrayBuffer>> {
  const { sv, figures } = input;
  type F = AggregateFigure;
  const summaryColumns: XlsxColumn<F>[] = [
    { header: 'Indicator code', type: 'text', width: 14, value: (f) => f.code },
    { header: 'Intervention', type: 'text', width: 12, value: (f) => f.interventionCode },
    { header: 'Indicator', type: 'text', width: 60, value: (f) => f.title },
    { header: 'Unit', type: 'text', width: 12, value: (f) => f.unit },
    { header: 'This period', type: 'integer', width: 11, value: (f) => f.count },
    { header: 'Cumulative to date', type: 'integer', width: 12, value: (f) => f.cumulative },
    { header: 'Target (whole agreement)', type: 'integer', width: 12, value: (f) => f.target },
    { header: 'Profile to date', type: 'integer', width: 11, value: (f) => f.profileToDate },
    { header: 'Variance against profile', type: 'integer', width: 11, value: (f) => f.variance },
    { header: 'RAG', type: 'text', width: 8, value: (f) => ragText[f.rag] },
    { header: 'Status of definition', type: 'text', width: 26, value: definitionText },
    { header: 'Counting rule', type: 'text', width: 90, value: (f) => f.sentence },
  ];

  type PeriodRow = { code: string; title: string; values: Array<number | null> };
  const periods = [...input.earlier.map((e) => e.periodLabel), `${input.periodLabel} (this return)`];
  const periodRows: PeriodRow[] = figures.map((f) => ({
    code: f.code,
    title: f.title,
    values: [...input.earlier.map((e) => e.totals[f.code] ?? null), f.count],
  }));
  const periodColumns: XlsxColumn<PeriodRow>[] = [
    { header: 'Indicator code', type: 'text', width: 14, value: (r) => r.code },
    { header: 'Indicator', type: 'text', width: 60, value: (r) => r.title },
    ...periods.map((p, i): XlsxColumn<PeriodRow> => ({
      header: p,
      type: 'integer',
      width: 16,
      value: (r) => r.values[i] ?? null,
    })),
  ];

  type SplitRow = F['byProject'][number] & { code: string; title: string };
  const splitRows: SplitRow[] = figures.flatMap((f) =>
    f.byProject.map((p) => ({ ...p, code: f.code, title: f.title })),
  );
  const splitColumns: XlsxColumn<SplitRow>[] = [
    { header: 'Indicator code', type: 'text', width: 14, value: (r) => r.code },
    { header: 'Indicator', type: 'text', width: 50, value: (r) => r.title },
    { header: 'Intervention', type: 'text', width: 12, value: (r) => r.interventionCode },
    { header: 'Project', type: 'text', width: 36, value: (r) => r.project ?? 'No project recorded' },
    { header: 'Funding stream', type: 'text', width: 30, value: (r) => r.fundingStream ?? 'No funding stream' },
    { header: 'This period', type: 'integer', width: 11, value: (r) => r.count },
  ];

  const equality = equalityBreakdown(input.people, input.periodEnd);
  type E = (typeof equality)[number];
  const people = new Set(input.people.map((l) => l.personId).filter((p) => p !== null)).size;
  const preamble = [
    `${sv.set.name}: return`,
    `Funder: ${input.funderName}`,
    `Period: ${input.periodLabel}; cumulative figures from ${formatUkDate(input.cumulativeFrom)}`,
    `Indicator set: ${sv.set.code} version ${sv.version}`,
    `Status: ${input.status}; produced ${formatUkDate(input.producedOn)} by Worksbook`,
    `RAG: ${ragLabels.green}; ${ragLabels.amber}; ${ragLabels.red}.`,
    ...input.notes,
  ];
  return writeXlsx(
    [
      { name: 'Summary', preamble, columns: summaryColumns, rows: figures, landscape: true },
      {
        name: 'By period',
        preamble: [`${sv.set.name}: figures by period`, 'Earlier periods as submitted; this return as counted now.'],
        columns: periodColumns,
        rows: periodRows,
        landscape: true,
      },
      {
        name: 'By project',
        preamble: [
          `${sv.set.name}: this period by project and intervention`,
          `Period: ${input.periodLabel}`,
          'Each counted person or item under the project its funding is attributed to; the rows of an indicator add up to its count.',
        ],
        columns: splitColumns,
        rows: splitRows,
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
          { header: 'Characteristic', type: 'text', width: 30, value: (r: E) => r.dimension },
          { header: 'Group', type: 'text', width: 55, value: (r: E) => r.group },
          { header: 'People', type: 'integer', width: 10, value: (r: E) => r.people },
          { header: 'Share', type: 'percent', width: 10, value: (r: E) => Math.round(r.share * 1000) / 1000 },
        ],
        rows: equality,
      },
      ...(input.areas ? [areasSheet(sv.set.name, input.periodLabel, input.areas)] : []),
    ],
    { title: `${sv.set.name} return ${input.periodLabel}` },
  );
}

/** `track`: the claim lines as written (an export job's progress and Cancel). */
export async function writeEvidencePack(
  input: EvidenceInput,
  track: RowTracker = untracked,
): Promise<Uint8Array<ArrayBuffer>> {
  const { sv, lines } = input;
  const titles = new Map(sv.indicators.map((i) => [i.code, i.title]));
  const personal = new Set(input.personalColumns);
  // The reference is always there: it is how the funder's auditor and the programme find the record.
  const columns: XlsxColumn<ClaimLine>[] = [
    { header: 'Reference', type: 'text', width: 14, value: (l) => l.reference },
  ];
  if (personal.has('name'))
    columns.push({
      header: 'Name',
      type: 'text',
      width: 24,
      value: (l) => (l.personId ? `${l.firstName ?? ''} ${l.lastName ?? ''}`.trim() : null),
    });
  if (personal.has('ni_number'))
    columns.push({ header: 'NI number', type: 'text', width: 13, value: (l) => l.niNumber });
  if (personal.has('date_of_birth'))
    columns.push({ header: 'Date of birth', type: 'date', width: 13, value: (l) => l.dateOfBirth });
  if (personal.has('postcode')) columns.push({ header: 'Postcode', type: 'text', width: 11, value: (l) => l.postcode });
  columns.push(
    { header: 'Indicator code', type: 'text', width: 14, value: (l) => l.indicatorCode },
    { header: 'Indicator', type: 'text', width: 50, value: (l) => titles.get(l.indicatorCode) ?? l.indicatorCode },
    {
      header: 'Item',
      type: 'text',
      width: 30,
      value: (l) => (l.employerName ? `${l.itemLabel ?? l.itemKind} (${l.employerName})` : (l.itemLabel ?? l.itemKind)),
    },
    { header: 'Date', type: 'date', width: 13, value: (l) => l.itemDate },
    { header: 'Funding stream', type: 'text', width: 28, value: (l) => l.fundingStream },
    { header: 'Project', type: 'text', width: 28, value: (l) => l.fundingProject },
    { header: 'Evidence', type: 'text', width: 34, value: evidenceText },
    { header: 'Verifier', type: 'text', width: 20, value: (l) => l.verifier },
  );
  return writeXlsx(
    [
      {
        name: 'Claim lines',
        preamble: [
          `${sv.set.name}: evidence pack`,
          `Funder: ${input.funderName}`,
          `Period: ${input.periodLabel}`,
          `Status: ${input.status}; produced ${formatUkDate(input.producedOn)} by Worksbook`,
          'One row per counted person or item. Holds personal data: keep it secure and send it only as the funder asks.',
        ],
        columns,
        rows: track(lines, lines.length),
        landscape: true,
      },
    ],
    { title: `${sv.set.name} evidence pack ${input.periodLabel}` },
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
