// Putting people forward for a vacancy: choose from the people site ready today (the courses
// area's list and rule) or find anyone by name or reference; each person shows the fit check
// (site ready, card, eligible, in work) before they are chosen. Someone who does not meet the
// vacancy's requirements needs a reason; someone already put forward cannot be chosen.
import { useState, type ChangeEvent } from 'react';
import { useController } from 'react-hook-form';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { formatUkDate } from '../../../shared/domain/dates';
import type { CandidateOption, VacancyDetail } from '../../../shared/contract/vacancies-schemas';
import { FitTag } from './StageTag';
import { localToday } from './local-today';

const overallWords: Record<CandidateOption['overall'], string> = {
  good: 'Good fit',
  check: 'Check before adding',
  'needs-reason': 'Needs a reason',
  blocked: 'Cannot add',
};

export function ShortlistPanel({ vacancy }: { vacancy: VacancyDetail }) {
  const [from, setFrom] = useState<'site-ready' | 'search'>('site-ready');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Map<number, CandidateOption>>(new Map());
  const options = useChannel(
    'candidates.options',
    { vacancyId: vacancy.id, from, search },
    { areas: ['vacancies', 'courses', 'participants'] },
  );
  const toasts = useToasts();
  const f = useContractForm('candidates.shortlist', {
    idPrefix: 'shortlist',
    defaultValues: { vacancyId: vacancy.id, participantIds: [], submittedOn: localToday(), overrideReason: '' },
    messages: { submittedOn: 'Enter the date they were put forward', participantIds: 'Choose at least one person' },
    onSuccess: (done, _input, form) => {
      toasts.show({
        kind: 'success',
        message: `${done.candidateIds.length} ${done.candidateIds.length === 1 ? 'person' : 'people'} put forward.`,
      });
      setChosen(new Map());
      form.reset();
    },
  });
  const people = options.data?.people ?? [];
  const needReason = [...chosen.values()].some((p) => p.overall === 'needs-reason');
  const shownTotal = options.data?.total ?? 0;

  return (
    <section aria-labelledby="shortlist-title" className="shortlist">
      <h2 id="shortlist-title">Put people forward</h2>
      <div className="toolbar">
        <fieldset className="inline-choice">
          <legend className="visually-hidden">Choose people from</legend>
          <label className="radio">
            <input
              type="radio"
              name="shortlist-from"
              checked={from === 'site-ready'}
              onChange={() => setFrom('site-ready')}
            />
            Site-ready list
          </label>
          <label className="radio">
            <input type="radio" name="shortlist-from" checked={from === 'search'} onChange={() => setFrom('search')} />
            Anyone, by name or reference
          </label>
        </fieldset>
        <label htmlFor="shortlist-search">{from === 'site-ready' ? 'Filter the list' : 'Find a person'}</label>
        <input
          id="shortlist-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={from === 'site-ready' ? 'Name, reference or postcode' : 'At least 2 letters'}
        />
      </div>
      <p className="muted" role="status">
        {options.loading
          ? 'Loading…'
          : from === 'site-ready'
            ? `${shownTotal} ${shownTotal === 1 ? 'person is' : 'people are'} site ready today${
                shownTotal > people.length ? `; the first ${people.length} are shown, filter to find others` : ''
              }.`
            : search.trim().length < 2
              ? 'Type at least 2 letters of a name or reference.'
              : `${people.length} ${people.length === 1 ? 'match' : 'matches'}.`}
      </p>
      <Form of={f} aria-labelledby="shortlist-title">
        <PeopleChoice
          people={people}
          chosen={chosen}
          onChosen={setChosen}
          empty={
            from === 'site-ready'
              ? 'Nobody is site ready today. Record cards, tests, PPE and sign-offs in Courses, or search by name.'
              : null
          }
        />
        <DateField name="submittedOn" label="Date put forward" hint="For example, 05/03/2026" blank="" />
        {needReason && (
          <Field
            name="overrideReason"
            label="Why put forward someone who does not meet the requirements?"
            hint="Kept with each of them"
          >
            {(p) => <textarea {...p} rows={2} {...f.form.register('overrideReason')} />}
          </Field>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={f.saving || chosen.size === 0}>
            {chosen.size === 0
              ? 'Put forward'
              : `Put forward ${chosen.size} ${chosen.size === 1 ? 'person' : 'people'}`}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The people found, each a checkbox with the fit check, wired to the form's participantIds. */
function PeopleChoice({
  people,
  chosen,
  onChosen,
  empty,
}: {
  people: CandidateOption[];
  chosen: Map<number, CandidateOption>;
  onChosen(next: Map<number, CandidateOption>): void;
  empty: string | null;
}) {
  const { field } = useController({ name: 'participantIds' });
  const toggle = (p: CandidateOption, on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(p.participantId, p);
    else next.delete(p.participantId);
    onChosen(next);
    field.onChange([...next.keys()]);
  };
  // People chosen earlier stay chosen (and listed) while the list shows others.
  const listed = [
    ...people,
    ...[...chosen.values()].filter((c) => !people.some((p) => p.participantId === c.participantId)),
  ];
  if (!listed.length) return empty ? <p>{empty}</p> : null;
  return (
    <ChoiceGroup
      name="participantIds"
      legend="Choose who to put forward"
      hint="The fit check shows how each person meets this vacancy"
      type="checkbox"
      className="people-choice"
      options={listed.map((p) => ({
        code: String(p.participantId),
        label: (
          <span className="fit-person">
            <span>
              <strong>{p.name}</strong> {p.reference}
              {p.postcode ? ` · ${p.postcode}` : ''}
              {p.readySince ? ` · site ready since ${formatUkDate(p.readySince)}` : ''}{' '}
              <span
                className={`tag ${p.overall === 'good' ? 'tag-green' : p.overall === 'check' ? 'tag-yellow' : 'tag-red'}`}
              >
                {overallWords[p.overall]}
              </span>
            </span>
            <span className="fit-checks">
              {p.checks.map((c) => (
                <span key={`${c.code}-${c.label}`} className="fit-check">
                  <FitTag state={c.state} /> {c.label}
                  {c.state === 'pass' ? '' : `: ${c.detail}`}
                </span>
              ))}
            </span>
          </span>
        ),
      }))}
      inputProps={(code) => {
        const p = listed.find((x) => String(x.participantId) === code)!;
        return {
          checked: chosen.has(p.participantId),
          disabled: p.overall === 'blocked',
          onChange: (e: ChangeEvent<HTMLInputElement>) => toggle(p, e.target.checked),
        };
      }}
    />
  );
}
