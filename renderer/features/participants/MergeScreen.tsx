// Merge two records of the same person side by side: choose which record survives and, for each
// field that differs, whose value to keep. Everything attached moves to the survivor. Undo is
// offered at once (toast) and on the survivor's page.
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { FormLayout } from '../../components/form/FormLayout';
import { useToasts } from '../../components/Toasts';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { fieldLabels, recordFields } from '../../../shared/domain/participant-record';
import { displayValue } from './participant-labels';
import { participantsRoutes } from './participants.routes';
import { TableScroll } from '../../components/TableScroll';

type Side = 'a' | 'b';
type Rec = ParticipantDetail['record'];
const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
const empty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && !v.length);
/** Fields chosen as one (barriers and benefits are combined, not chosen; the NI status goes with the
 * number and the condition's effect with the condition). */
const choosable = recordFields.filter(
  (f) => f !== 'barriers' && f !== 'benefits' && f !== 'niStatus' && f !== 'conditionImpact',
);

export function MergeScreen({ a, b }: { a: number; b: number }) {
  const preview = useChannel('participants.mergePreview', { a, b });
  if (preview.error)
    return (
      <EmptyState title="These records cannot be compared">
        {preview.error.message} <a href={participantsRoutes.list.href()}>Back to participants</a>
      </EmptyState>
    );
  if (!preview.data) return <PageHeader title="Merge records" subtitle="Loading…" />;
  return <MergeForm data={preview.data} />;
}

function MergeForm({
  data,
}: {
  data: NonNullable<ReturnType<typeof useChannel<'participants.mergePreview'>>['data']>;
}) {
  const toasts = useToasts();
  const names = useChannel('participants.options', {}).data ?? {};
  const show = (field: string, v: unknown) => displayValue(field, v, names);
  const [survivor, setSurvivor] = useState<Side>('a');
  const recs: Record<Side, ParticipantDetail> = { a: data.a, b: data.b };
  const differing = useMemo(
    () => choosable.filter((f) => !same(data.a.record[f as keyof Rec], data.b.record[f as keyof Rec])),
    [data],
  );
  // Default: the survivor's value, unless it is empty and the other record has one.
  const defaults = (s: Side) =>
    Object.fromEntries(
      differing.map((f) => [f, empty(recs[s].record[f as keyof Rec]) ? (s === 'a' ? 'b' : 'a') : s]),
    ) as Record<string, Side>;
  const [choice, setChoice] = useState<Record<string, Side>>(() => defaults('a'));
  const [busy, setBusy] = useState(false);
  const other: Side = survivor === 'a' ? 'b' : 'a';

  const merge = async () => {
    setBusy(true);
    const take = Object.fromEntries(
      differing.map((f) => [f, choice[f] === survivor ? 'survivor' : 'merged']),
    ) as Record<string, 'survivor' | 'merged'>;
    const result = await api.call('participants.merge', {
      survivorId: recs[survivor].id,
      mergedId: recs[other].id,
      survivorVersion: recs[survivor].version,
      mergedVersion: recs[other].version,
      take,
    });
    setBusy(false);
    if (!result.ok) {
      toasts.show({ kind: 'error', message: result.error.message });
      return;
    }
    const mergeId = result.value.mergeId;
    toasts.show({
      kind: 'success',
      message: `Merged ${recs[other].reference} into ${recs[survivor].reference}`,
      action: {
        label: 'Undo',
        run: () =>
          void api
            .call('participants.unmerge', { mergeId })
            .then((r) =>
              toasts.show(
                r.ok ? { kind: 'success', message: 'Merge undone' } : { kind: 'error', message: r.error.message },
              ),
            ),
      },
    });
    navigate(participantsRoutes.person.path({ id: recs[survivor].id, tab: 'details' }));
  };

  return (
    <div>
      <PageHeader
        title="Merge records"
        subtitle={`${data.a.reference} and ${data.b.reference}: choose what the merged record keeps`}
      />
      <div className="form-layout">
        <FormLayout
          actions={
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>
                Merge into {recs[survivor].reference}
              </button>
              <a href={participantsRoutes.person.href({ id: recs[survivor].id, tab: 'details' })}>Cancel</a>
            </>
          }
        >
          <fieldset className="field">
            <legend>Which record continues?</legend>
            {(['a', 'b'] as const).map((s) => (
              <label className="radio" key={s}>
                <input
                  type="radio"
                  name="survivor"
                  checked={survivor === s}
                  onChange={() => {
                    setSurvivor(s);
                    setChoice(defaults(s));
                  }}
                />
                Keep {recs[s].reference} ({recs[s].record.firstName} {recs[s].record.lastName}); the other is marked
                merged
              </label>
            ))}
          </fieldset>
          {differing.length === 0 ? (
            <p>The two records have the same details.</p>
          ) : (
            <p>
              {differing.length} field{differing.length === 1 ? '' : 's'} differ. Choose which value to keep for each.
            </p>
          )}
          <TableScroll>
            <table className="data merge-table">
              <caption className="visually-hidden">Fields of the two records</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">{data.a.reference}</th>
                  <th scope="col">{data.b.reference}</th>
                </tr>
              </thead>
              <tbody>
                {choosable.map((f) => {
                  const diff = differing.includes(f);
                  return (
                    <tr key={f} className={diff ? 'differs' : undefined}>
                      <th scope="row">{fieldLabels[f]}</th>
                      {(['a', 'b'] as const).map((s) => (
                        <td key={s}>
                          {diff ? (
                            <label className="radio">
                              <input
                                type="radio"
                                name={`take-${f}`}
                                checked={choice[f] === s}
                                onChange={() => setChoice((c) => ({ ...c, [f]: s }))}
                                aria-label={`${fieldLabels[f]}: keep ${show(f, recs[s].record[f as keyof Rec])} from ${recs[s].reference}`}
                              />
                              {show(f, recs[s].record[f as keyof Rec])}
                            </label>
                          ) : (
                            show(f, recs[s].record[f as keyof Rec])
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
                <tr>
                  <th scope="row">Barriers (combined)</th>
                  <td>{show('barriers', data.a.record.barriers)}</td>
                  <td>{show('barriers', data.b.record.barriers)}</td>
                </tr>
                <tr>
                  <th scope="row">Benefits (combined)</th>
                  <td>{show('benefits', data.a.record.benefits)}</td>
                  <td>{show('benefits', data.b.record.benefits)}</td>
                </tr>
                <tr>
                  <th scope="row">Attached records (move to the survivor)</th>
                  {(['a', 'b'] as const).map((s) => (
                    <td key={s}>
                      {Object.entries(data.linked[s])
                        .map(([k, n]) => `${n} ${k}`)
                        .join(', ') || '—'}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </TableScroll>
        </FormLayout>
      </div>
    </div>
  );
}
