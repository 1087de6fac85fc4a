// One event: its details, the headcounts by age group and school (numbers only: under-16s are
// counted, never named), and the participants named as attending (16 or over on the day), added
// by search and removed here; each attendee's timeline shows the event.
import { useEffect, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useChannel } from '../../api/use-channel';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { NumberField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import type { EventDetail } from '../../../shared/contract/events.contract';
import type { ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { formatUkDate } from '../../../shared/domain/dates';
import { eventAgeGroupCodes, eventAgeGroups, type EventAgeGroup } from '../../../shared/domain/events';
import { labelFor } from '../../../shared/domain/outcome-lists';
import { outcomesRoutes } from '../outcomes/outcomes.routes';
import { participantsRoutes } from '../participants/participants.routes';
import { eventsRoutes } from './events.routes';
import { TableScroll } from '../../components/TableScroll';

export function EventPage({ id }: { id: number }) {
  const { data: e, error } = useChannel('events.get', { id }, { areas: ['events', 'participants'] });
  const canEdit = useCan('officer');
  if (error) return <EmptyState title="Event not found">{error.message}</EmptyState>;
  if (!e) return <p role="status">Loading…</p>;
  return (
    <>
      <PageHeader
        back={{ label: 'Back to events', href: eventsRoutes.list.href() }}
        title={e.title}
        subtitle={`${e.kindLabel} · ${formatUkDate(e.heldOn)}`}
        actions={
          canEdit && (
            <button type="button" onClick={() => navigate(eventsRoutes.editEvent.path({ id }))}>
              Change event
            </button>
          )
        }
      />
      <div className="two-col">
        <section aria-labelledby="event-details">
          <h2 id="event-details">Details</h2>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{e.kindLabel}</dd>
            <dt>Date</dt>
            <dd>{formatUkDate(e.heldOn)}</dd>
            <dt>Organiser</dt>
            <dd>
              {e.organiserOrgId ? (
                <a href={outcomesRoutes.organisation.href({ id: e.organiserOrgId })}>{e.organiserName}</a>
              ) : (
                'The programme'
              )}
            </dd>
            <dt>Partners</dt>
            <dd>{e.partners.length ? e.partners.map((p) => p.name).join(', ') : 'None'}</dd>
            <dt>Venue</dt>
            <dd>{e.venue ?? '—'}</dd>
            <dt>School</dt>
            <dd>{e.school ?? '—'}</dd>
            <dt>Counts towards</dt>
            <dd>
              {e.contractId ? (
                <a href={outcomesRoutes.contract.href({ id: e.contractId })}>{e.contractName}</a>
              ) : (
                'No contract or obligation'
              )}
            </dd>
            <dt>Notes</dt>
            <dd>{e.notes ?? '—'}</dd>
          </dl>
        </section>
        <section aria-labelledby="event-headcounts">
          <h2 id="event-headcounts">Headcounts</h2>
          <p className="hint">
            How many people came, by age group and, if you like, by school. Numbers only: no names are kept for anyone
            under 16.
          </p>
          {canEdit ? <HeadcountEditor event={e} /> : <HeadcountTable event={e} />}
        </section>
      </div>
      <section aria-labelledby="event-people">
        <h2 id="event-people">Participants named as attending</h2>
        <AttendeeTable event={e} canEdit={canEdit} />
        {canEdit && <AddAttendee event={e} />}
      </section>
    </>
  );
}

function HeadcountTable({ event }: { event: EventDetail }) {
  if (!event.headcounts.length) return <p>No headcounts recorded yet.</p>;
  return (
    <TableScroll>
      <table className="data">
        <caption className="visually-hidden">Headcounts by age group and school</caption>
        <thead>
          <tr>
            <th scope="col">Age group</th>
            <th scope="col">School</th>
            <th scope="col">People</th>
          </tr>
        </thead>
        <tbody>
          {event.headcounts.map((h, i) => (
            <tr key={i}>
              <td>{labelFor(eventAgeGroups, h.ageGroup)}</td>
              <td>{h.school ?? '—'}</td>
              <td>{h.headcount}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td>{event.headcount}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

type HeadcountValue = { ageGroup: EventAgeGroup; school: string; headcount: number };

function startingRows(event: EventDetail): HeadcountValue[] {
  const known = event.headcounts.flatMap((h) => {
    const ageGroup = eventAgeGroupCodes.find((c) => c === h.ageGroup);
    return ageGroup ? [{ ageGroup, school: h.school ?? '', headcount: h.headcount }] : [];
  });
  // Nothing recorded yet: one row per age group, so the usual case is typing five numbers.
  return known.length ? known : eventAgeGroups.map((g) => ({ ageGroup: g.code, school: '', headcount: 0 }));
}

function HeadcountEditor({ event }: { event: EventDetail }) {
  const toasts = useToasts();
  const f = useContractForm('events.saveHeadcounts', {
    idPrefix: 'headcount',
    defaultValues: { eventId: event.id, rows: startingRows(event) },
    messages: (path) =>
      path[path.length - 1] === 'headcount' ? 'Enter the number of people as a whole number' : undefined,
    onSuccess: (saved) => toasts.show({ kind: 'success', message: `Headcounts saved: ${saved.total} people.` }),
  });
  const { register, control, watch } = f.form;
  const rows = useFieldArray({ control, name: 'rows' });
  const values = watch('rows') as HeadcountValue[] | undefined;
  const total = (values ?? []).reduce((sum, r) => sum + (typeof r.headcount === 'number' ? r.headcount : 0), 0);
  return (
    <Form of={f} aria-label="Headcounts">
      <TableScroll>
        <table className="data headcounts">
          <caption className="visually-hidden">Headcounts by age group</caption>
          <thead>
            <tr>
              <th scope="col">Age group</th>
              <th scope="col">School (optional)</th>
              <th scope="col">People</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.fields.map((row, i) => (
              <tr key={row.id}>
                <td>
                  <Field name={`rows.${i}.ageGroup`} label={`Age group, row ${i + 1}`} hideLabel className="in-table">
                    {(p) => (
                      <select {...p} {...register(`rows.${i}.ageGroup`)}>
                        {eventAgeGroups.map((g) => (
                          <option key={g.code} value={g.code}>
                            {g.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </td>
                <td>
                  <Field name={`rows.${i}.school`} label={`School, row ${i + 1}`} hideLabel className="in-table">
                    {(p) => <input {...p} {...register(`rows.${i}.school`)} />}
                  </Field>
                </td>
                <td>
                  <NumberField
                    name={`rows.${i}.headcount`}
                    label={`People, row ${i + 1}`}
                    hideLabel
                    className="in-table narrow"
                  />
                </td>
                <td>
                  <button type="button" onClick={() => rows.remove(i)} aria-label={`Remove row ${i + 1}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p role="status">Total: {total} people</p>
      <div className="button-row">
        <button type="button" onClick={() => rows.append({ ageGroup: 'age_16_18', school: '', headcount: 0 })}>
          Add a row
        </button>
        <button type="submit" className="primary" disabled={f.saving}>
          Save headcounts
        </button>
      </div>
    </Form>
  );
}

function AttendeeTable({ event, canEdit }: { event: EventDetail; canEdit: boolean }) {
  const toasts = useToasts();
  if (!event.people.length)
    return <p>No participants named yet. Name adult participants who came so the event shows on their timeline.</p>;
  async function remove(p: EventDetail['people'][number]) {
    const r = await api.call('events.removeAttendee', { eventId: event.id, participantId: p.participantId });
    toasts.show(
      r.ok ? { kind: 'success', message: `${p.name} taken off.` } : { kind: 'error', message: r.error.message },
    );
  }
  return (
    <TableScroll>
      <table className="data">
        <caption className="visually-hidden">Participants named as attending</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Name</th>
            {canEdit && <th scope="col">Remove</th>}
          </tr>
        </thead>
        <tbody>
          {event.people.map((p) => (
            <tr key={p.participantId}>
              <td className="unbroken">{p.reference}</td>
              <td>
                <a href={participantsRoutes.person.href({ id: p.participantId, tab: 'timeline' })}>{p.name}</a>
              </td>
              {canEdit && (
                <td>
                  <button
                    type="button"
                    onClick={() => void remove(p)}
                    aria-label={`Remove ${p.name} from the attendance`}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AddAttendee({ event }: { event: EventDetail }) {
  const toasts = useToasts();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<ParticipantPick[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (search.trim().length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.call('outcomes.findParticipants', { search }).then((r) => live && r.ok && setResults(r.value));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);
  const named = new Set(event.people.map((p) => p.participantId));
  const shown = search.trim().length >= 2 ? results.filter((p) => !named.has(p.id)) : [];
  async function add(p: ParticipantPick) {
    const r = await api.call('events.addAttendee', { eventId: event.id, participantId: p.id });
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(undefined);
    setSearch('');
    setResults([]);
    toasts.show({ kind: 'success', message: `${p.name} named as attending.` });
  }
  return (
    <div className="inline-form">
      <h3>Name a participant</h3>
      <Field
        name="attendee"
        label="Participant"
        hint="Type at least 2 letters of a name or reference, then choose Add. Only people 16 or over on the day."
        error={problem}
      >
        {(props) => (
          <input
            {...props}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setProblem(undefined);
            }}
            autoComplete="off"
          />
        )}
      </Field>
      <p className="muted" role="status">
        {search.trim().length >= 2 ? `${shown.length} ${shown.length === 1 ? 'match' : 'matches'}` : ''}
      </p>
      {shown.length > 0 && (
        <ul className="picker-results" aria-label="Matching participants">
          {shown.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => void add(p)}>
                Add {p.name} · {p.reference}
                {p.dateOfBirth ? ` · born ${formatUkDate(p.dateOfBirth)}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
