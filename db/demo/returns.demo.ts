// Demo data for the returns area: a submitted UKSPF return and a Town Deal return for the same
// earlier half-year, so the lock, "not counted again" and "also claimed to another funder" are
// visible. Works whatever the other areas' steps created
// (with no outcomes its outcome indicators are simply zero).
import { fyHalf, financialYearOf } from '../../shared/domain/reporting-periods';
import { addMonthsIso } from '../../shared/domain/dates';
import { appendAudit } from '../features/audit/audit.repository';
import { findSetByCode } from '../features/returns/indicator-sets.repository';
import { submitReturn } from '../features/returns/return.service';
import type { DemoStep } from './demo-context';

/** The half-year that ended at least six months before `today`. */
export function demoReturnPeriod(today: string): { from: string; to: string } {
  const anchor = addMonthsIso(today, -12);
  const fy = financialYearOf(anchor);
  const month = Number(anchor.slice(5, 7));
  return fyHalf(fy, month >= 4 && month <= 9 ? 1 : 2);
}

const demoReturns = [
  { code: 'UKSPF-PS', note: 'Demo: half-year claim sent to the lead authority' },
  { code: 'TOWNS-FUND-LEARNERS', note: 'Demo: Town Deal monitoring return' },
];

export const returnsSteps: DemoStep[] = [
  {
    name: 'submitted UKSPF and Town Deal returns',
    async run(ctx) {
      const period = demoReturnPeriod(ctx.today);
      const staffId = ctx.staffIds[0] ?? null;
      const at = `${addMonthsIso(period.to, 1)}T10:00:00.000Z`;
      for (const r of demoReturns) {
        const set = await findSetByCode(ctx.tx, r.code);
        // A demo loaded long after a fund ended has nothing of it to claim.
        const a = set?.agreement;
        if (!set || (a && (period.to < a.startsOn || (a.endsOn !== null && period.from > a.endsOn)))) continue;
        const submitted = await submitReturn(ctx.tx, set.id, period, r.note, staffId, at);
        await appendAudit(ctx.tx, ctx.nowIso, staffId, {
          action: 'create',
          entity: 'return',
          entityId: submitted.returnId,
          summary: `Demo return submitted and locked (${submitted.lines} claim lines)`,
          after: { from: period.from, to: period.to, totals: submitted.totals },
        });
      }
      await ctx.progress(1, 1, 'Submitted demo returns');
    },
  },
];
