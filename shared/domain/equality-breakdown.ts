// The equality breakdown of the people in a return: age band (Census bands, age at entry), sex,
// ethnicity group, disability and labour-market status at entry, each person once.
import { ageOn } from './dates';
import { disabilities, ethnicityGroupOf, labelOf, labourMarketStatuses, sexes } from './reference-lists';

export interface EqualityPerson {
  personId: number | null;
  dateOfBirth: string | null;
  startDate: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
  labourMarketStatus: string | null;
}

export interface EqualityRow {
  dimension: string;
  group: string;
  people: number;
  share: number;
}

export const ageBands = ['16-24', '25-34', '35-49', '50-64', '65+'] as const;

export function ageBand(dateOfBirth: string | null, on: string | null): string {
  if (!dateOfBirth || !on) return 'Not recorded';
  const age = ageOn(dateOfBirth, on);
  if (age < 16) return 'Under 16';
  if (age <= 24) return '16-24';
  if (age <= 34) return '25-34';
  if (age <= 49) return '35-49';
  if (age <= 64) return '50-64';
  return '65+';
}

export function equalityBreakdown(lines: EqualityPerson[], periodEnd: string): EqualityRow[] {
  const people = new Map<number, EqualityPerson>();
  for (const l of lines) if (l.personId !== null && !people.has(l.personId)) people.set(l.personId, l);
  const total = people.size;
  const dims: Array<[string, (p: EqualityPerson) => string, string[]]> = [
    ['Age band at entry', (p) => ageBand(p.dateOfBirth, p.startDate ?? periodEnd), [...ageBands]],
    ['Sex', (p) => labelOf(sexes, p.sex) || 'Not recorded', sexes.map((s) => s.label)],
    ['Ethnicity group', (p) => ethnicityGroupOf(p.ethnicity), []],
    ['Disability', (p) => labelOf(disabilities, p.disability) || 'Not recorded', disabilities.map((d) => d.label)],
    [
      'Labour-market status at entry',
      (p) => labelOf(labourMarketStatuses, p.labourMarketStatus) || 'Not recorded',
      labourMarketStatuses.map((s) => s.label),
    ],
  ];
  const rows: EqualityRow[] = [];
  for (const [dimension, classify, order] of dims) {
    const counts = new Map<string, number>(order.map((g) => [g, 0]));
    for (const p of people.values()) {
      const g = classify(p);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    for (const [group, n] of counts) rows.push({ dimension, group, people: n, share: total ? n / total : 0 });
  }
  return rows;
}
