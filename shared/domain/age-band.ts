// Age at a date and the age band kept when a date of birth is erased. The kept bands are the
// common refinement of the Census bands (16-24, 25-34, 35-49, 50-64, 65+) and the ESF bands
// (under 25, 25-54, over 54), so either published breakdown is unchanged by anonymisation.
export const ageBands = ['under 16', '16-24', '25-34', '35-49', '50-54', '55-64', '65+'] as const;
export type AgeBand = (typeof ageBands)[number];

export function ageAt(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageBandOf(age: number): AgeBand {
  if (age < 16) return 'under 16';
  if (age <= 24) return '16-24';
  if (age <= 34) return '25-34';
  if (age <= 49) return '35-49';
  if (age <= 54) return '50-54';
  if (age <= 64) return '55-64';
  return '65+';
}

export function ageBandAtStart(dateOfBirth: string | null, startDate: string | null): AgeBand | null {
  if (!dateOfBirth || !startDate) return null;
  return ageBandOf(ageAt(dateOfBirth, startDate));
}
