// Demo data for the returns area: one submitted UKSPF return for an earlier half-year, so the
// lock and "not counted again" are visible. Works whatever the other areas' steps created
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

export const returnsSteps: DemoStep[] = [
  {
    name: 'submitted UKSPF return',
    async run(ctx) {
      const set = await findSetByCode(ctx.tx, 'UKSPF-PS');
      if (!set) return;
      const period = demoReturnPeriod(ctx.today);
      const staffId = ctx.staffIds[0] ?? null;
      const at = `${addMonthsIso(period.to, 1)}T10:00:00.000Z`;
      const submitted = await submitReturn(
        ctx.tx,
        set.id,
        period,
        'Demo: half-year claim sent to the lead authority',
        staffId,
        at,
      );
      await appendAudit(ctx.tx, ctx.nowIso, staffId, {
        action: 'create',
        entity: 'return',
        entityId: submitted.returnId,
        summary: `Demo return submitted and locked (${submitted.lines} claim lines)`,
        after: { from: period.from, to: period.to, totals: submitted.totals },
      });
      await ctx.progress(1, 1, 'Submitted a demo UKSPF return');
    },
  },
];
