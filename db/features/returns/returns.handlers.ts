// Handlers of the returns area, one per channel in shared/contract/returns.contract.ts.
import { AppFailure } from '../../../shared/result';
import { describePeriod } from '../../../shared/domain/reporting-periods';
import { formatUkDate } from '../../../shared/domain/dates';
import { personalColumnCodes } from '../../../shared/contract/returns.contract';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { appendAudit } from '../audit/audit.repository';
import { writeXlsx } from '../export/xlsx-writer';
import { indicatorLines } from './indicator-engine';
import {
  insertSetVersion,
  listSets,
  listVersions,
  loadSetVersion,
  outcomeTypeLabels,
  sentenceFor,
} from './indicator-sets.repository';
import {
  changesSince,
  computeLines,
  computeReturn,
  frozenLines,
  listReturns,
  scopeOf,
  submitReturn,
} from './return.service';
import { returnWorkbookName, writeReturnWorkbook, type PersonalColumn } from './return-workbook';
import { dashboard, defaultPeriod } from './dashboard.service';
import type { Tx } from '../../store/schema';

const LINES_SHOWN = 1000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function funderOf(tx: Tx, funderId: number): Promise<{ name: string; personalColumns: PersonalColumn[] }> {
  const f = await tx
    .selectFrom('funders')
    .select(['name', 'personal_columns_json'])
    .where('id', '=', funderId)
    .executeTakeFirstOrThrow();
  const cols = (JSON.parse(f.personal_columns_json) as string[]).filter((c): c is PersonalColumn =>
    (personalColumnCodes as readonly string[]).includes(c),
  );
  return { name: f.name, personalColumns: cols };
}

export const returnsHandlers = defineHandlers({
  async 'returns.sets'(_input, ctx) {
    return listSets(ctx.db);
  },

  async 'returns.setDetail'(input, ctx) {
    const sv = await loadSetVersion(ctx.db, input.setId, input.versionId);
    return {
      set: sv.set,
      versionId: sv.versionId,
      version: sv.version,
      versions: await listVersions(ctx.db, input.setId),
      indicators: sv.indicators,
    };
  },

  async 'returns.saveSetVersion'(input, ctx) {
    return ctx.db.transaction().execute(async (tx) => {
      const current = await loadSetVersion(tx, input.setId);
      if (current.versionId !== input.basedOnVersionId) {
        throw new AppFailure(
          'conflict',
          `Someone saved version ${current.version} of this set while you were editing. Reload it and make your change again.`,
        );
      }
      const codes = new Set(input.indicators.map((i) => i.code));
      input.indicators.forEach((ind, i) => {
        for (const other of ind.rule.notCountedUnder ?? []) {
          if (!codes.has(other) || other === ind.code)
            throw new AppFailure('validation', 'A rule refers to an indicator that is not in the set.', [
              {
                path: ['indicators', i, 'rule', 'notCountedUnder'],
                message: `${other} is not another indicator in this set`,
              },
            ]);
        }
      });
      const at = ctx.clock.now().toISOString();
      const saved = await insertSetVersion(tx, input.setId, input.note, input.indicators, ctx.staffId, at);
      await appendAudit(tx, at, ctx.staffId, {
        action: 'update',
        entity: 'indicator_set',
        entityId: input.setId,
        summary: `Indicator set ${current.set.code} saved as version ${saved.version}: ${input.note}`,
        before: { version: current.version, indicators: current.indicators.map(({ sentence: _s, ...i }) => i) },
        after: { version: saved.version, indicators: input.indicators },
      });
      ctx.emit({ type: 'data-changed', areas: ['returns'] });
      return saved;
    });
  },

  async 'returns.describeRule'(input, ctx) {
    return { sentence: sentenceFor(input.rule, await outcomeTypeLabels(ctx.db)) };
  },

  async 'returns.funders'(_input, ctx) {
    const rows = await ctx.db.selectFrom('funders').selectAll().orderBy('id').execute();
    return rows.map((f) => ({
      id: f.id,
      code: f.code,
      name: f.name,
      notes: f.notes,
      personalColumns: (JSON.parse(f.personal_columns_json) as string[]).filter((c): c is PersonalColumn =>
        (personalColumnCodes as readonly string[]).includes(c),
      ),
    }));
  },

  async 'returns.saveFunder'(input, ctx) {
    return ctx.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('funders').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!before) throw new AppFailure('not-found', 'That funder does not exist.');
      const at = ctx.clock.now().toISOString();
      const after = {
        name: input.name,
        notes: input.notes,
        personal_columns_json: JSON.stringify(input.personalColumns),
      };
      await tx
        .updateTable('funders')
        .set({ ...after, updated_at: at })
        .where('id', '=', input.id)
        .execute();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'update',
        entity: 'funder',
        entityId: input.id,
        summary: `Funder ${before.code} changed`,
        before: { name: before.name, notes: before.notes, personal_columns_json: before.personal_columns_json },
        after,
      });
      ctx.emit({ type: 'data-changed', areas: ['returns'] });
      return { ok: true as const };
    });
  },

  async 'returns.compute'(input, ctx) {
    return computeReturn(ctx.db, input.setId, input, input.versionId, input.warnings);
  },

  async 'returns.lines'(input, ctx) {
    const sv = await loadSetVersion(ctx.db, input.setId, input.versionId);
    const ind = sv.indicators.find((i) => i.code === input.indicatorCode);
    if (!ind) throw new AppFailure('not-found', `There is no indicator ${input.indicatorCode} in this set.`);
    // The window shows the first lines; the workbook carries them all.
    const lines = await indicatorLines(ctx.db, ind.rule, ind.code, scopeOf(sv, input));
    return { lines: lines.slice(0, LINES_SHOWN), total: lines.length, sentence: ind.sentence, title: ind.title };
  },

  async 'returns.export'(input, ctx) {
    // Read and write the workbook outside a transaction (it can take seconds on a large
    // programme and must not hold the store); the audit entry is its own small transaction.
    {
      const tx = ctx.db;
      const at = ctx.clock.now().toISOString();
      let bytes: Uint8Array<ArrayBuffer>, fileName: string, rows: number, what: string;
      if ('returnId' in input) {
        const [summary] = await listReturns(tx, { returnId: input.returnId });
        if (!summary) throw new AppFailure('not-found', 'That return does not exist.');
        const ret = await tx
          .selectFrom('returns')
          .select('set_version_id')
          .where('id', '=', input.returnId)
          .executeTakeFirstOrThrow();
        const sv = await loadSetVersion(tx, summary.setId, ret.set_version_id);
        const lines = await frozenLines(tx, input.returnId);
        const funder = await funderOf(tx, sv.set.funderId);
        bytes = await writeReturnWorkbook({
          sv,
          funderName: funder.name,
          personalColumns: funder.personalColumns,
          from: summary.from,
          to: summary.to,
          periodLabel: summary.periodLabel,
          lines,
          status: `Submitted ${formatUkDate(summary.submittedAt.slice(0, 10))} by ${summary.submittedBy ?? 'unknown'}`,
          producedOn: todayIso(ctx.clock),
        });
        fileName = returnWorkbookName(sv.set.code, summary.from, summary.to).replace(
          '.xlsx',
          `-submitted-${input.returnId}.xlsx`,
        );
        rows = lines.length;
        what = `submitted return ${input.returnId} (${sv.set.code}, ${summary.periodLabel})`;
      } else {
        const sv = await loadSetVersion(tx, input.setId, input.versionId);
        const byCode = await computeLines(tx, sv, input);
        const lines = [...byCode.values()].flat();
        const funder = await funderOf(tx, sv.set.funderId);
        const periodLabel = describePeriod(input.from, input.to);
        bytes = await writeReturnWorkbook({
          sv,
          funderName: funder.name,
          personalColumns: funder.personalColumns,
          from: input.from,
          to: input.to,
          periodLabel,
          lines,
          status: 'Draft (not submitted)',
          producedOn: todayIso(ctx.clock),
        });
        fileName = returnWorkbookName(sv.set.code, input.from, input.to);
        rows = lines.length;
        what = `draft return ${sv.set.code} v${sv.version}, ${periodLabel}`;
      }
      await ctx.db.transaction().execute((audit) =>
        appendAudit(audit, at, ctx.staffId, {
          action: 'export',
          entity: 'return',
          entityId: 'returnId' in input ? input.returnId : null,
          summary: `Exported ${what}: ${rows} claim lines. Purpose: ${input.purpose}`,
          after: { fileName, rows, purpose: input.purpose },
        }),
      );
      return { fileName, mime: XLSX, bytes, rows };
    }
  },

  async 'returns.submit'(input, ctx) {
    const result = await ctx.db.transaction().execute(async (tx) => {
      const at = ctx.clock.now().toISOString();
      const submitted = await submitReturn(tx, input.setId, input, input.note, ctx.staffId, at);
      await appendAudit(tx, at, ctx.staffId, {
        action: 'create',
        entity: 'return',
        entityId: submitted.returnId,
        summary: `Return submitted and locked for ${describePeriod(input.from, input.to)} (${submitted.lines} claim lines)`,
        after: { setId: input.setId, from: input.from, to: input.to, totals: submitted.totals },
      });
      return submitted;
    });
    ctx.emit({ type: 'data-changed', areas: ['returns'] });
    return { returnId: result.returnId, lines: result.lines };
  },

  async 'returns.list'(_input, ctx) {
    return listReturns(ctx.db);
  },

  async 'returns.detail'(input, ctx) {
    const [summary] = await listReturns(ctx.db, { returnId: input.returnId });
    if (!summary) throw new AppFailure('not-found', 'That return does not exist.');
    return { summary, changes: await changesSince(ctx.db, input.returnId) };
  },

  async 'returns.dashboard'(input, ctx) {
    const fallback = defaultPeriod(todayIso(ctx.clock));
    const from = input.from ?? fallback.from;
    const to = input.to ?? fallback.to;
    if (to < from)
      throw new AppFailure('validation', 'The last day must be the same as or after the first day.', [
        { path: ['to'], message: 'The last day must be the same as or after the first day' },
      ]);
    return dashboard(ctx.db, from, to);
  },

  async 'returns.dashboardExport'(input, ctx) {
    const d = await dashboard(ctx.db, input.from, input.to);
    type Row = { label: string; count: number };
    const table = (name: string, header: string, rows: Row[]) => ({
      name,
      preamble: [`Stevenage Works: ${name.toLowerCase()}`, `Period: ${d.periodLabel}`],
      columns: [
        { header, type: 'text' as const, width: 50, value: (r: Row) => r.label },
        { header: 'Count', type: 'integer' as const, width: 10, value: (r: Row) => r.count },
      ],
      rows,
    });
    const bytes = await writeXlsx(
      [
        table(
          'Headline figures',
          'Figure',
          d.headline.map((h) => ({ label: h.title, count: h.count })),
        ),
        table('Starts by month', 'Month', d.startsByMonth),
        table('Outcomes by type', 'Outcome type', d.outcomesByType),
        table('Pathway funnel', 'Stage', d.funnel),
        table('By postcode district', 'Postcode district', d.byDistrict),
        table('By target group', 'Target group (barrier)', d.byBarrier),
      ],
      { title: `Stevenage Works dashboard ${d.periodLabel}` },
    );
    const fileName = `dashboard-${input.from}-to-${input.to}.xlsx`;
    await ctx.db.transaction().execute((tx) =>
      appendAudit(tx, ctx.clock.now().toISOString(), ctx.staffId, {
        action: 'export',
        entity: 'dashboard',
        summary: `Exported dashboard tables (aggregate figures, no personal data) for ${d.periodLabel}`,
        after: { fileName },
      }),
    );
    return { fileName, mime: XLSX, bytes };
  },
});
