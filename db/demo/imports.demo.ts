// Demo data for the imports area: saved mapping profiles for the partners whose files the demo
// programme receives, so the Imports and Reconcile screens have something to start from.
import type { DemoStep } from './demo-context';
import { importProfileSchema } from '../../shared/domain/import-profile';

const profiles = [
  importProfileSchema.parse({
    name: 'JCP weekly referrals',
    partner: 'Jobcentre Plus Stevenage',
    kind: 'participants',
    columns: {
      ni_number: 'NI No',
      first_name: 'Forename',
      last_name: 'Surname',
      date_of_birth: 'DOB',
      referral_date: 'Referral date',
      referrer_name: 'Work coach',
      phone: 'Mobile',
      postcode: 'Postcode',
    },
    defaults: { referral_source: 'jcp' },
    scope: { referralSource: 'jcp' },
  }),
  importProfileSchema.parse({
    name: 'Employer job starts',
    partner: 'Employers',
    kind: 'outcomes',
    columns: {
      ni_number: 'NINO',
      full_name: 'Name',
      outcome_type: 'Outcome',
      outcome_date: 'Start date',
      hours_per_week: 'Hours',
    },
    valueMaps: { outcome_type: { 'Started work': 'job_start', Apprenticeship: 'apprenticeship_start' } },
  }),
];

export const importsSteps: DemoStep[] = [
  {
    name: 'import profiles',
    async run(ctx) {
      for (const p of profiles) {
        await ctx.tx
          .insertInto('import_profiles')
          .values({
            name: p.name,
            partner: p.partner,
            kind: p.kind,
            profile_json: JSON.stringify(p),
            created_at: ctx.nowIso,
            created_by: ctx.staffIds[0] ?? null,
            updated_at: ctx.nowIso,
          })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
      }
    },
  },
];
