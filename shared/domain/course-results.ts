// Defaults and prompts of recording a run's results (issue 20). A result is dated when it
// happened, which for a course is its end, not the day someone types it in: an L1 Award, HS&E
// test, card, PPE issue or sign-off defaults to the run's end date (or today while the run has
// not ended yet), so a card's expiry is worked out from the right day. Pure.

/** The date a result of a run on `startDate`–`endDate` defaults to, on `today` (ISO dates). */
export function defaultResultDate(run: { endDate: string }, today: string): string {
  return run.endDate <= today ? run.endDate : today;
}

/** Every person holding a place has a course result (completed or did not complete): the run
 * can be marked completed. */
export function allResultsIn(rows: ReadonlyArray<{ status: string }>): boolean {
  return rows.length > 0 && rows.every((r) => r.status === 'completed' || r.status === 'not_completed');
}
