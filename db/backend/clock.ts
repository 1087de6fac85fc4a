// Time comes from a clock object so tests can fix it.
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(iso: string): Clock {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t++) };
}
/** Today's date in the UK as YYYY-MM-DD. */
export function todayIso(clock: Clock): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(clock.now());
}
