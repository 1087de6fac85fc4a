// Demo staff, reference lists and funding streams (each linked to its funder).
import {
  defaultBarriers,
  defaultBenefits,
  referenceItemExtra,
  referralSources,
} from '../../shared/domain/reference-lists';
import type { DemoStep } from './demo-context';
import { addDays } from './random';

export const staffStep: DemoStep = {
  name: 'staff',
  async run(ctx) {
    const existing = await ctx.tx.selectFrom('staff').select(['id', 'display_name', 'role']).execute();
    const names = new Set(existing.map((s) => s.display_name));
    const hasAdministrator = existing.some((s) => s.role === 'administrator');
    const demoStaff = [
      ...(hasAdministrator ? [] : [{ display_name: 'Alex Morgan', role: 'administrator' as const }]),
      { display_name: 'Priya Raman', role: 'officer' as const },
      { display_name: 'Tom Hughes', role: 'officer' as const },
      { display_name: 'Grace Adeyemi', role: 'officer' as const },
      { display_name: 'Sam Carter', role: 'viewer' as const },
    ].filter((s) => !names.has(s.display_name));
    // The demo's staff were there from the start of its two years of history, so the records
    // dated then are theirs; the profile made today (whoever loads the demo) is not credited
    // with work done before it existed.
    const since = `${addDays(ctx.today, -731)}T09:00:00.000Z`;
    for (const s of demoStaff) {
      await ctx.tx
        .insertInto('staff')
        .values({ ...s, email: null, password_hash: null, locked_until: null, created_at: since })
        .execute();
    }
    const all = await ctx.tx.selectFrom('staff').select(['id', 'role', 'created_at']).execute();
    const working = all.filter((s) => s.role !== 'viewer');
    const old = working.filter((s) => s.created_at <= since);
    ctx.staffIds = (old.length ? old : working).map((s) => s.id);
  },
};

export const referenceStep: DemoStep = {
  name: 'reference lists',
  async run(ctx) {
    const lists = { barrier: defaultBarriers, referral_source: referralSources, benefit: defaultBenefits };
    for (const [list, options] of Object.entries(lists)) {
      for (const [i, o] of options.entries()) {
        await ctx.tx
          .insertInto('reference_items')
          .values({ list, code: o.code, label: o.label, sort_order: i, extra_json: referenceItemExtra(o) })
          .onConflict((oc) => oc.columns(['list', 'code']).doNothing())
          .execute();
      }
    }
  },
};

export const fundingStreamsStep: DemoStep = {
  name: 'funding streams',
  async run(ctx) {
    const streams = [
      {
        code: 'UKSPF-PS',
        name: 'UKSPF People & Skills',
        funder: 'UK Shared Prosperity Fund',
        starts_on: '2022-04-01',
        ends_on: '2026-03-31',
        retain_until: '2034-12-31',
      },
      {
        code: 'TOWNS-FUND',
        name: 'Stevenage Town Deal: skills',
        funder: 'Towns Fund',
        starts_on: '2021-04-01',
        ends_on: '2026-03-31',
        retain_until: '2033-03-31',
      },
      {
        code: 'SBC-CORE',
        name: 'Stevenage Works core (council)',
        funder: 'Stevenage Borough Council',
        starts_on: '2017-04-01',
        ends_on: null,
        retain_until: null,
      },
      {
        code: 'SBC-S106',
        name: 'Section 106 local labour contributions',
        funder: 'Stevenage Borough Council',
        starts_on: '2023-04-01',
        ends_on: null,
        retain_until: null,
      },
      {
        code: 'DWP-CTW',
        name: 'Connect to Work (Hertfordshire)',
        funder: 'Department for Work and Pensions (Connect to Work)',
        starts_on: '2025-04-01',
        ends_on: null,
        retain_until: '2032-03-31',
      },
    ];
    const funderOf: Record<string, string> = {
      'UKSPF-PS': 'UKSPF',
      'TOWNS-FUND': 'TOWNS-FUND',
      'SBC-CORE': 'SBC',
      'SBC-S106': 'SBC',
      'DWP-CTW': 'DWP-CTW',
    };
    const funders = new Map(
      (await ctx.tx.selectFrom('funders').select(['id', 'code']).execute()).map((f) => [f.code, f.id]),
    );
    for (const s of streams) {
      await ctx.tx
        .insertInto('funding_streams')
        .values({ ...s, funder_id: funders.get(funderOf[s.code] ?? '') ?? null })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    const rows = await ctx.tx.selectFrom('funding_streams').select(['id', 'code']).execute();
    ctx.fundingStreamIds = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  },
};
