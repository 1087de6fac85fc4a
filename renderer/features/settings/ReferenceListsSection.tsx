// Settings → Reference lists (issue 20: no dead ends): where administrators manage the lists
// officers choose from. Barriers, benefits, referral sources and evidence types are edited here (add, rename, retire or bring
// back; an item in use is retired, never deleted, so the records that hold it keep its label);
// lists with tables of their own are edited on their own screens, linked from here.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { plural } from '../../../shared/domain/labels';
import type { ReferenceList } from '../../../shared/contract/participants.contract';
import { returnsRoutes } from '../returns/returns.routes';
import { outcomesRoutes } from '../outcomes/outcomes.routes';
import { coursesRoutes } from '../courses/courses.routes';
import { settingsRoutes } from './settings.routes';
import { TableScroll } from '../../components/TableScroll';

const listTitles: Record<
  ReferenceList['list'],
  { title: string; one: string; hint: string; uses?: [one: string, many: string] }
> = {
  barrier: { title: 'Barriers to work', one: 'barrier', hint: 'Offered on the participant form under Barriers.' },
  benefit: { title: 'Benefits', one: 'benefit', hint: 'Offered on the participant form under Benefits received.' },
  event_kind: {
    title: 'Kinds of event',
    one: 'kind of event',
    hint: 'Offered on the event form under Kind of event.',
    uses: ['event', 'events'],
  },
  measure_kind: {
    title: 'Kinds of contract measure',
    one: 'kind of measure',
    hint: 'Offered on the contract form under Measures agreed. A kind added here is counted from the figure officers enter.',
    uses: ['contract', 'contracts'],
  },
  referral_source: {
    title: 'Referral sources',
    one: 'referral source',
    hint: 'Offered on the participant form, new referrals and the import mapping.',
    uses: ['referral', 'referrals'],
  },
  evidence_kind: {
    title: 'Evidence types',
    one: 'evidence type',
    hint: 'Offered when evidence is added to an outcome or a sustainment check.',
    uses: ['evidence item', 'evidence items'],
  },
};

export function ReferenceListsSection() {
  const lists = useChannel('reference.lists', {}, { areas: ['participants'] });
  return (
    <>
      <p>
        The lists officers choose from. Retiring an item takes it off the forms; people who already have it keep it.
      </p>
      <h3>Lists kept elsewhere</h3>
      <ul>
        <li>
          Funding streams, funders and projects:{' '}
          <a href={returnsRoutes.funding.href()}>Returns → Funding and targets</a>
        </li>
        <li>
          Outcome types and the evidence each needs:{' '}
          <a href={outcomesRoutes.types.href()}>Placements & outcomes → Outcome types</a>
        </li>
        <li>
          Course catalogue: <a href={coursesRoutes.catalogue.href()}>Courses → Catalogue</a>
        </li>
        <li>
          Local areas and postcode districts:{' '}
          <a href={settingsRoutes.section.href({ section: 'geography' })}>Settings → Geography</a>
        </li>
      </ul>
      {lists.error && <p role="alert">{lists.error.message}</p>}
      {!lists.data && !lists.error && <p aria-busy="true">Loading…</p>}
      {lists.data?.map((l) => (
        <ListEditor key={l.list} list={l} />
      ))}
    </>
  );
}

function ListEditor({ list }: { list: ReferenceList }) {
  const words = listTitles[list.list];
  const toasts = useToasts();
  const [renaming, setRenaming] = useState<string | null>(null);
  const setActive = async (code: string, label: string, isActive: boolean) => {
    const r = await api.call('reference.setActive', { list: list.list, code, isActive });
    toasts.show(
      r.ok
        ? { kind: 'success', message: `${label} ${isActive ? 'brought back' : 'retired'}` }
        : { kind: 'error', message: r.error.message },
    );
  };
  return (
    <section aria-labelledby={`list-${list.list}`} className="reference-list">
      <h3 id={`list-${list.list}`}>{words.title}</h3>
      <p className="muted">{words.hint}</p>
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">{words.title}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Used by</th>
              <th scope="col">On the form</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => (
              <tr key={i.code}>
                <th scope="row">
                  {renaming === i.code ? (
                    <ItemForm list={list.list} code={i.code} label={i.label} onDone={() => setRenaming(null)} />
                  ) : (
                    i.label
                  )}
                </th>
                <td>
                  {i.inUse
                    ? plural(i.inUse, ...(words.uses ?? (['person', 'people'] as const)))
                    : words.uses
                      ? 'Not used'
                      : 'Nobody'}
                </td>
                <td>{i.isActive ? 'Yes' : 'Retired'}</td>
                <td>
                  <div className="actions">
                    {renaming !== i.code && (
                      <button type="button" onClick={() => setRenaming(i.code)} aria-label={`Rename ${i.label}`}>
                        Rename
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() => void setActive(i.code, i.label, !i.isActive)}
                      aria-label={`${i.isActive ? 'Retire' : 'Bring back'} ${i.label}`}
                    >
                      {i.isActive ? 'Retire' : 'Bring back'}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ItemForm list={list.list} />
    </section>
  );
}

function ItemForm({
  list,
  code,
  label = '',
  onDone,
}: {
  list: ReferenceList['list'];
  code?: string;
  label?: string;
  onDone?: () => void;
}) {
  const words = listTitles[list];
  const toasts = useToasts();
  const id = code ? `rename-${list}-${code}` : `add-${list}`;
  const f = useContractForm('reference.saveItem', {
    idPrefix: id,
    defaultValues: { list, ...(code ? { code } : {}), label },
    onSuccess: (_saved, input, form) => {
      toasts.show({ kind: 'success', message: code ? `Renamed ${input.label}` : `${input.label} added` });
      form.reset({ list, ...(code ? { code } : {}), label: '' });
      onDone?.();
    },
  });
  return (
    <Form of={f} className="inline-form" aria-label={code ? `Rename ${label}` : `Add to ${words.title.toLowerCase()}`}>
      <Field name="label" label={code ? 'New label' : `Add a ${words.one}`}>
        {(c) => <input {...c} {...f.form.register('label')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        {code ? 'Save' : `Add ${words.one}`}
      </button>
      {onDone && (
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      )}
    </Form>
  );
}
