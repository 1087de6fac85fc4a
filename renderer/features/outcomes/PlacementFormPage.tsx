// Record or change a placement. A paid job or apprenticeship that has started records its job
// or apprenticeship start outcome automatically (the backend does it, once).
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, PenceField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { StaleRecordNotice, useStaleRecord } from '../../components/form/StaleRecordNotice';
import { codeIn, toNumber } from '../../components/form/values';
import type { ChannelInput } from '../../../shared/contract/index';
import type { Lookups, ParticipantPick, PlacementDetail } from '../../../shared/contract/outcomes-schemas';
import {
  placementKindCodes,
  placementKinds,
  placementStatusCodes,
  placementStatuses,
} from '../../../shared/domain/outcome-lists';
import { ParticipantPicker } from './ParticipantPicker';
import { useParticipantPick } from './use-participant-pick';
import { outcomesRoutes } from './outcomes.routes';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';
import { ApprenticeshipFields } from './ApprenticeshipFields';

/** What the schema leaves generic: a field left blank, a number that is not one. */
export const placementMessages = {
  participantId: 'Choose the participant',
  startsOn: 'Enter the start date',
  endsOn: 'Enter the end date as a real date, like 05/03/2026',
  hoursPerWeek: 'Enter the hours a week as a number',
  hourlyWagePence: 'Enter the hourly wage in pounds and pence, like 11.44',
  apprenticeshipLevel: 'Enter the level as a number from 2 to 7',
};

export function PlacementFormPage({
  placementId,
  participantId,
}: {
  placementId?: number;
  participantId: number | null;
}) {
  const lookups = useChannel('outcomes.lookups', {});
  const existing = useChannel('placements.get', { id: placementId ?? 1 }, { skip: !placementId });
  const chosen = useParticipantPick(placementId ? null : participantId);
  const title = placementId ? 'Change placement' : 'Record placement';
  const placement = placementId ? existing.data : undefined;
  if ((placementId && !placement) || !chosen.ready || !lookups.data)
    return <PageHeader title={title} subtitle={existing.error?.message ?? lookups.error?.message ?? 'Loading…'} />;
  return (
    <>
      <PageHeader title={title} />
      <PlacementForm
        // A reload after a refused save starts the form again at the placement's current version.
        key={placement ? `${placement.id}-${placement.version}` : 'new'}
        lookups={lookups.data}
        placement={placement ?? null}
        participant={chosen.pick}
        onReload={existing.reload}
      />
    </>
  );
}

function startingValues(p: PlacementDetail | null, participant: ParticipantPick | null) {
  if (!p)
    return {
      participantId: participant?.id,
      kind: undefined,
      employerOrgId: null,
      contractId: null,
      site: '',
      startsOn: '',
      endsOn: null,
      hoursPerWeek: null,
      hourlyWagePence: null,
      supervisor: '',
      status: 'active' as const,
      endedReason: '',
      apprenticeshipStandard: '',
      apprenticeshipLevel: null,
      notes: '',
    } satisfies Partial<ChannelInput<'placements.save'>>;
  return {
    id: p.id,
    version: p.version,
    participantId: p.participantId,
    kind: codeIn(placementKindCodes, p.kind),
    employerOrgId: p.employerOrgId,
    contractId: p.contractId,
    courseRunId: p.courseRunId,
    site: p.site ?? '',
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    hoursPerWeek: p.hoursPerWeek,
    hourlyWagePence: p.hourlyWagePence,
    supervisor: p.supervisor ?? '',
    status: codeIn(placementStatusCodes, p.status),
    endedReason: p.endedReason ?? '',
    apprenticeshipStandard: p.apprenticeshipStandard ?? '',
    apprenticeshipLevel: p.apprenticeshipLevel,
    notes: p.notes ?? '',
  } satisfies Partial<ChannelInput<'placements.save'>>;
}

function PlacementForm({
  lookups,
  placement,
  participant,
  onReload,
}: {
  lookups: Lookups;
  placement: PlacementDetail | null;
  participant: ParticipantPick | null;
  onReload(): void;
}) {
  const toasts = useToasts();
  const stale = useStaleRecord();
  const f = useContractForm('placements.save', {
    defaultValues: startingValues(placement, participant),
    messages: placementMessages,
    onSuccess: (saved) => {
      toasts.show({
        kind: 'success',
        message: saved.outcomeCreated ? 'Placement saved; the start outcome was recorded.' : 'Placement saved.',
      });
      navigate(outcomesRoutes.placement.path({ id: saved.id }));
    },
    onFailure: stale.onFailure,
  });
  const { register, watch } = f.form;
  const [kind, status] = watch(['kind', 'status']);
  const employers = lookups.organisations.filter(
    (o) => o.isActive && ['employer', 'contractor', 'other'].includes(o.kind),
  );
  return (
    <Form of={f}>
      <StaleRecordNotice message={stale.message} onReload={onReload} />
      {placement ? (
        <p>
          <strong>Participant:</strong> {placement.participantName} ({placement.participantRef})
        </p>
      ) : (
        <ParticipantPicker initial={participant} />
      )}
      <Field name="kind" label="Kind of placement">
        {(p) => (
          <select {...p} {...register('kind')}>
            <option value="">Choose…</option>
            {placementKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <RecordSelectField
        name="employerOrgId"
        label="Employer"
        hint="Add employers under Employers & organisations"
        records={employers}
        empty="Not recorded"
      />
      <RecordSelectField name="contractId" label="Social-value contract" records={lookups.contracts} empty="None" />
      <Field name="site" label="Site (optional)">
        {(p) => <input {...p} {...register('site')} />}
      </Field>
      <DateField name="startsOn" label="Start date" hint="For example, 05/03/2026" blank="" />
      <DateField name="endsOn" label="End date (optional)" />
      <Field name="hoursPerWeek" label="Hours a week (optional)" hint="16 or more counts as a 16+ hours job">
        {(p) => (
          <input
            {...p}
            className="narrow"
            inputMode="decimal"
            {...register('hoursPerWeek', { setValueAs: toNumber })}
          />
        )}
      </Field>
      <PenceField name="hourlyWagePence" label="Hourly wage in £ (optional)" />
      <Field name="supervisor" label="Supervisor (optional)">
        {(p) => <input {...p} {...register('supervisor')} />}
      </Field>
      {kind === 'apprenticeship' && <ApprenticeshipFields />}
      <Field
        name="status"
        label="Status"
        hint="A paid job or apprenticeship that is active or completed records its start outcome"
      >
        {(p) => (
          <select {...p} {...register('status')}>
            {placementStatuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {status === 'ended_early' && (
        <Field name="endedReason" label="Why did it end early?">
          {(p) => <textarea {...p} rows={2} {...register('endedReason')} />}
        </Field>
      )}
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={3} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={() => history.back()}>
        Save placement
      </SaveCancel>
    </Form>
  );
}
