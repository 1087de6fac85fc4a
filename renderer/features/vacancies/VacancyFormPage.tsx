// Add or change a vacancy: employer, site, job title, sector, kind (an apprenticeship with its
// standard and level), places, hours, wage, closing date, the contract or planning obligation it
// counts towards, and what the fit check asks of candidates (site ready, a CSCS card type).
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, NumberField, PenceField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn, toCode, toNumber } from '../../components/form/values';
import type { ChannelInput } from '../../../shared/contract/index';
import type { Lookups } from '../../../shared/contract/outcomes-schemas';
import type { VacancyDetail } from '../../../shared/contract/vacancies-schemas';
import { sectorCodes, sectors } from '../../../shared/domain/outcome-lists';
import { cscsCardTypes } from '../../../shared/domain/cscs';
import {
  vacancyKindCodes,
  vacancyKinds,
  vacancyStatusCodes,
  vacancyStatuses,
  wagePeriodCodes,
  wagePeriods,
} from '../../../shared/domain/vacancy-lists';
import { vacanciesRoutes } from './vacancies.routes';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';
import { ApprenticeshipFields } from '../outcomes/ApprenticeshipFields';

const messages = {
  employerOrgId: 'Choose the employer',
  places: 'Enter the number of places as a whole number',
  hoursPerWeek: 'Enter the hours a week as a number',
  wagePence: 'Enter the wage in pounds and pence, like 11.44',
  apprenticeshipLevel: 'Enter the level as a number from 2 to 7',
  closingDate: 'Enter the closing date as a real date, like 05/03/2026',
  startsOn: 'Enter the start date as a real date, like 05/03/2026',
};

export function VacancyFormPage({ id }: { id: number | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const existing = useChannel('vacancies.get', { id: id ?? 1 }, { skip: !id });
  const title = id ? 'Change vacancy' : 'Add vacancy';
  if (id && existing.error) return <EmptyState title="Vacancy not found">{existing.error.message}</EmptyState>;
  if ((id && !existing.data) || !lookups.data)
    return <PageHeader title={title} subtitle={lookups.error?.message ?? 'Loading…'} />;
  return (
    <>
      <PageHeader title={title} />
      <VacancyForm lookups={lookups.data} vacancy={id ? (existing.data ?? null) : null} />
    </>
  );
}

function startingValues(v: VacancyDetail | null): Partial<ChannelInput<'vacancies.save'>> {
  if (!v)
    return {
      jobTitle: '',
      site: '',
      sector: 'construction',
      kind: 'job',
      apprenticeshipStandard: '',
      apprenticeshipLevel: null,
      places: 1,
      hoursPerWeek: null,
      wagePence: null,
      wagePer: 'hour',
      closingDate: null,
      startsOn: null,
      contractId: null,
      requiresSiteReady: true,
      cardTypeRequired: null,
      status: 'open',
      description: '',
    };
  return {
    id: v.id,
    employerOrgId: v.employerOrgId,
    jobTitle: v.jobTitle,
    site: v.site ?? '',
    sector: codeIn(sectorCodes, v.sector) ?? null,
    kind: codeIn(vacancyKindCodes, v.kind),
    apprenticeshipStandard: v.apprenticeshipStandard ?? '',
    apprenticeshipLevel: v.apprenticeshipLevel,
    places: v.places,
    hoursPerWeek: v.hoursPerWeek,
    wagePence: v.wagePence,
    wagePer: codeIn(wagePeriodCodes, v.wagePer) ?? 'hour',
    closingDate: v.closingDate,
    startsOn: v.startsOn,
    contractId: v.contractId,
    requiresSiteReady: v.requiresSiteReady,
    cardTypeRequired: v.cardTypeRequired,
    status: codeIn(vacancyStatusCodes, v.status),
    description: v.description ?? '',
  };
}

function VacancyForm({ lookups, vacancy }: { lookups: Lookups; vacancy: VacancyDetail | null }) {
  const toasts = useToasts();
  const f = useContractForm('vacancies.save', {
    defaultValues: startingValues(vacancy),
    messages,
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', message: 'Vacancy saved.' });
      navigate(vacanciesRoutes.vacancy.path({ id: saved.id }));
    },
  });
  const { register, watch } = f.form;
  const kind = watch('kind');
  const employers = lookups.organisations.filter(
    (o) => (o.isActive || o.id === vacancy?.employerOrgId) && ['employer', 'contractor', 'other'].includes(o.kind),
  );
  return (
    <Form of={f} aria-label="Vacancy details">
      <RecordSelectField
        name="employerOrgId"
        label="Employer"
        hint="Add employers under Placements & outcomes, Employers"
        records={employers}
        empty="Choose…"
      />
      <Field name="jobTitle" label="Job title">
        {(p) => <input {...p} {...register('jobTitle')} />}
      </Field>
      <Field name="kind" label="Kind of vacancy">
        {(p) => (
          <select {...p} {...register('kind')}>
            {vacancyKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'apprenticeship' && <ApprenticeshipFields />}
      <Field name="site" label="Site (optional)">
        {(p) => <input {...p} {...register('site')} />}
      </Field>
      <Field name="sector" label="Sector">
        {(p) => (
          <select {...p} {...register('sector', { setValueAs: toCode })}>
            <option value="">Not recorded</option>
            {sectors.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <NumberField name="places" label="Number of places" className="narrow" />
      <Field name="hoursPerWeek" label="Hours a week (optional)">
        {(p) => (
          <input
            {...p}
            className="narrow"
            inputMode="decimal"
            {...register('hoursPerWeek', { setValueAs: toNumber })}
          />
        )}
      </Field>
      <div className="inline-fields">
        <PenceField name="wagePence" label="Wage in £ (optional)" />
        <Field name="wagePer" label="Per">
          {(p) => (
            <select {...p} {...register('wagePer', { setValueAs: toCode })}>
              {wagePeriods.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <DateField name="closingDate" label="Closing date (optional)" hint="For example, 05/03/2026" />
      <DateField name="startsOn" label="Expected start (optional)" />
      <RecordSelectField
        name="contractId"
        label="Contract or planning obligation it counts towards"
        hint="A start on this vacancy counts towards the contract’s local jobs or apprenticeships"
        records={lookups.contracts}
        empty="None"
      />
      <div className="field">
        <label className="radio" htmlFor="field-requiresSiteReady">
          <input id="field-requiresSiteReady" type="checkbox" {...register('requiresSiteReady')} />
          Candidates must be site ready
        </label>
        <p className="hint">Putting forward someone who is not then needs a reason.</p>
      </div>
      <Field name="cardTypeRequired" label="CSCS card needed">
        {(p) => (
          <select {...p} {...register('cardTypeRequired', { setValueAs: toCode })}>
            <option value="">None asked for</option>
            {cscsCardTypes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="status" label="Status">
        {(p) => (
          <select {...p} {...register('status')}>
            {vacancyStatuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="description" label="Description (optional)">
        {(p) => <textarea {...p} rows={3} {...register('description')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={() => history.back()}>
        Save vacancy
      </SaveCancel>
    </Form>
  );
}
