// Add or change an event: its kind (from the reference list), title, date, organiser and partner
// organisations, venue or school, the contract or Section 106 obligation it counts towards, and
// notes. Headcounts and named attendance are recorded on the event's page.
import { useController } from 'react-hook-form';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/index';
import type { Lookups } from '../../../shared/contract/outcomes-schemas';
import type { EventDetail } from '../../../shared/contract/events.contract';
import { eventsRoutes } from './events.routes';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';

type Kinds = ChannelOutput<'events.kinds'>;

const messages = {
  kind: 'Choose the kind of event',
  title: 'Enter the title',
  heldOn: 'Enter the date of the event, like 05/03/2026',
};

export function EventFormPage({ id }: { id: number | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const kinds = useChannel('events.kinds', {});
  const existing = useChannel('events.get', { id: id ?? 1 }, { skip: !id });
  const title = id ? 'Change event' : 'Add event';
  if (id && existing.error) return <EmptyState title="Event not found">{existing.error.message}</EmptyState>;
  if ((id && !existing.data) || !lookups.data || !kinds.data)
    return <PageHeader title={title} subtitle={lookups.error?.message ?? kinds.error?.message ?? 'Loading…'} />;
  return (
    <>
      <PageHeader title={title} />
      <EventForm lookups={lookups.data} kinds={kinds.data} event={id ? (existing.data ?? null) : null} />
    </>
  );
}

function startingValues(e: EventDetail | null): Partial<ChannelInput<'events.save'>> {
  if (!e)
    return {
      title: '',
      heldOn: '',
      organiserOrgId: null,
      partnerOrgIds: [],
      venue: '',
      school: '',
      contractId: null,
      notes: '',
    };
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    heldOn: e.heldOn,
    organiserOrgId: e.organiserOrgId,
    partnerOrgIds: e.partners.map((p) => p.id),
    venue: e.venue ?? '',
    school: e.school ?? '',
    contractId: e.contractId,
    notes: e.notes ?? '',
  };
}

function EventForm({ lookups, kinds, event }: { lookups: Lookups; kinds: Kinds; event: EventDetail | null }) {
  const toasts = useToasts();
  const f = useContractForm('events.save', {
    defaultValues: startingValues(event),
    messages,
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', message: 'Event saved.' });
      navigate(eventsRoutes.event.path({ id: saved.id }));
    },
  });
  const { register } = f.form;
  // Retired kinds and organisations are offered only to the events that already have them.
  const kindOptions = kinds.filter((k) => k.isActive || k.code === event?.kind);
  const organisations = lookups.organisations.filter(
    (o) => o.isActive || o.id === event?.organiserOrgId || event?.partners.some((p) => p.id === o.id),
  );
  return (
    <Form of={f} aria-label="Event details">
      <Field name="kind" label="Kind of event" hint="Administrators add kinds under Settings, Reference lists">
        {(p) => (
          <select {...p} {...register('kind')} defaultValue={event?.kind ?? ''}>
            <option value="" disabled>
              Choose…
            </option>
            {kindOptions.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="title" label="Title" hint="For example, Queensway site visit for the CSCS course group">
        {(p) => <input {...p} {...register('title')} />}
      </Field>
      <DateField name="heldOn" label="Date of the event" hint="For example, 05/03/2026" blank="" />
      <RecordSelectField
        name="organiserOrgId"
        label="Organiser (optional)"
        records={organisations}
        empty="The programme"
      />
      <PartnerChoices organisations={organisations} />
      <Field name="venue" label="Venue (optional)">
        {(p) => <input {...p} {...register('venue')} />}
      </Field>
      <Field
        name="school"
        label="School (optional)"
        hint="An event held with a school counts as a school engagement on the contract it is linked to"
      >
        {(p) => <input {...p} {...register('school')} />}
      </Field>
      <RecordSelectField
        name="contractId"
        label="Contract or planning obligation it counts towards (optional)"
        hint="Site visits and school engagements linked to a contract count towards its measures"
        records={lookups.contracts}
        empty="None"
      />
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={3} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={() => history.back()}>
        Save event
      </SaveCancel>
    </Form>
  );
}

/** Partner organisations as tick boxes, held as a list of ids (a single tick box would
 * otherwise give react-hook-form a yes/no rather than a list). */
function PartnerChoices({ organisations }: { organisations: Lookups['organisations'] }) {
  const { field } = useController({ name: 'partnerOrgIds' });
  const chosen = new Set<number>(Array.isArray(field.value) ? (field.value as number[]) : []);
  if (!organisations.length) return null;
  return (
    <ChoiceGroup
      name="partnerOrgIds"
      legend="Partner organisations (optional)"
      type="checkbox"
      className="partner-choices"
      options={organisations.map((o) => ({ code: String(o.id), label: o.name }))}
      inputProps={(code) => ({
        checked: chosen.has(Number(code)),
        onChange: (e: { target: { checked: boolean } }) => {
          const next = new Set(chosen);
          if (e.target.checked) next.add(Number(code));
          else next.delete(Number(code));
          field.onChange([...next].sort((a, b) => a - b));
        },
      })}
    />
  );
}
