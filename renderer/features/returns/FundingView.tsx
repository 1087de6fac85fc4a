// Funding: each funder with its agreements (start, end, closure date for final claims), the
// funding streams and projects items are attributed to, and each indicator set's targets and
// profiles. Administrators add agreements and set targets; everyone can read.
import { useState } from 'react';
import { z } from 'zod';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { DateField, NumberField } from '../../components/form/ControlledFields';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { profilePeriods } from '../../../shared/domain/targets';
import type { AgreementView, SetSummary, TargetView } from '../../../shared/contract/returns.contract';
import type { ChannelOutput } from '../../../shared/contract/index';

type Setup = ChannelOutput<'funding.setup'>;

const dateOr = (d: string | null, none: string) => (d ? formatUkDate(d) : none);

function AddAgreement({ funders }: { funders: Setup['funders'] }) {
  const toasts = useToasts();
  const f = useContractForm('funding.saveAgreement', {
    idPrefix: 'agreement',
    schema: z.object({
      funderId: z.string().min(1, 'Choose the funder'),
      name: z.string(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      closureOn: z.string().nullable(),
    }),
    defaultValues: { funderId: '', name: '', startsOn: '', endsOn: null, closureOn: null },
    toInput: (v) => ({
      id: null,
      funderId: Number(v.funderId),
      name: v.name,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      closureOn: v.closureOn,
      notes: null,
    }),
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Funding agreement saved' });
      form.reset();
    },
  });
  return (
    <Form
      of={f}
      aria-labelledby="add-agreement-heading"
      heading={<h3 id="add-agreement-heading">Add a funding agreement</h3>}
    >
      <Field name="funderId" label="Funder">
        {(c) => (
          <select {...c} {...f.form.register('funderId')}>
            <option value="">Choose a funder</option>
            {funders.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="name" label="Agreement name">
        {(c) => <input {...c} {...f.form.register('name')} />}
      </Field>
      <DateField name="startsOn" label="Starts" blank="" />
      <DateField name="endsOn" label="Ends" hint="Leave blank if it has no end yet" />
      <DateField name="closureOn" label="Closure date for final claims" hint="Optional" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Save agreement
        </button>
      </div>
    </Form>
  );
}

function EditTarget({
  setId,
  code,
  current,
  agreement,
  onDone,
}: {
  setId: number;
  code: string;
  current: TargetView | undefined;
  agreement: AgreementView | null;
  onDone(): void;
}) {
  const toasts = useToasts();
  const [kind, setKind] = useState<'' | 'quarter' | 'half'>(current?.profileKind ?? '');
  const periods = kind && agreement?.endsOn ? profilePeriods(kind, agreement.startsOn, agreement.endsOn) : [];
  const amountOf = (from: string) => current?.profile.find((p) => p.from === from)?.amount ?? null;
  const f = useContractForm('returns.saveTargets', {
    idPrefix: `target-${code}`,
    schema: z.object({ target: z.number().nullable(), amounts: z.array(z.number().nullable()) }),
    defaultValues: { target: current?.target ?? null, amounts: periods.map((p) => amountOf(p.from)) },
    toInput: (v) => ({
      setId,
      indicatorCode: code,
      target: v.target,
      profileKind: kind || null,
      profile: periods.flatMap((p, i) => {
        const amount = v.amounts[i];
        return amount === null || amount === undefined ? [] : [{ from: p.from, to: p.to, amount }];
      }),
    }),
    onSuccess: () => {
      toasts.show({ kind: 'success', message: `Target for ${code} saved` });
      onDone();
    },
  });
  return (
    <Form of={f} aria-label={`Target and profile for ${code}`}>
      <NumberField name="target" label="Target for the whole agreement" />
      <div className="field">
        <label htmlFor={`target-${code}-kind`}>Profile by</label>
        <select
          id={`target-${code}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as '' | 'quarter' | 'half')}
        >
          <option value="">No profile</option>
          <option value="quarter">Quarter</option>
          <option value="half">Half-year</option>
        </select>
      </div>
      {kind && !agreement?.endsOn && <p className="muted">A profile needs an agreement with an end date.</p>}
      {periods.map((p, i) => (
        <NumberField
          key={`${kind}-${p.from}`}
          name={`amounts.${i}`}
          label={`${p.label} (${formatUkDate(p.from)} to ${formatUkDate(p.to)})`}
        />
      ))}
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Save target
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

function SetTargets({ set }: { set: SetSummary }) {
  const detail = useChannel('returns.setDetail', { setId: set.id }, { areas: ['returns'] });
  const targets = useChannel('returns.targets', { setId: set.id }, { areas: ['returns'] });
  const isAdmin = useCan('administrator');
  const [editing, setEditing] = useState<string | null>(null);
  if (!detail.data || !targets.data) return <p aria-live="polite">Loading…</p>;
  const byCode = new Map(targets.data.map((t) => [t.indicatorCode, t]));
  return (
    <table className="data">
      <caption className="visually-hidden">Targets and profiles of {set.name}</caption>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Target</th>
          <th scope="col">Profile</th>
          {isAdmin && <th scope="col">Change</th>}
        </tr>
      </thead>
      <tbody>
        {detail.data.indicators.map((i) => {
          const t = byCode.get(i.code);
          return (
            <tr key={i.code}>
              <td>
                {i.code}: {i.title}
              </td>
              <td>{t?.target ?? <span className="muted">None set</span>}</td>
              <td>
                {t && t.profile.length > 0 ? (
                  <ul className="plain">
                    {t.profile.map((p) => (
                      <li key={p.from}>
                        {formatUkDate(p.from)} to {formatUkDate(p.to)}: {p.amount}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">No profile</span>
                )}
              </td>
              {isAdmin && (
                <td>
                  {editing === i.code ? (
                    <EditTarget
                      setId={set.id}
                      code={i.code}
                      current={t}
                      agreement={set.agreement}
                      onDone={() => {
                        setEditing(null);
                        targets.reload();
                      }}
                    />
                  ) : (
                    <button type="button" aria-label={`Set target of ${i.code}`} onClick={() => setEditing(i.code)}>
                      Set target
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FundingView() {
  const setup = useChannel('funding.setup', {}, { areas: ['funding', 'returns'] });
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const [setId, setSetId] = useState<number | null>(null);
  const isAdmin = useCan('administrator');
  const s = setup.data;
  const chosen = sets.data?.find((x) => x.id === setId) ?? sets.data?.[0];
  return (
    <section aria-labelledby="funding-heading">
      <h2 id="funding-heading">Funding</h2>
      {setup.error && (
        <p className="error-message" role="alert">
          {setup.error.message}
        </p>
      )}
      {s && (
        <>
          <h3>Funders and agreements</h3>
          {s.funders.length === 0 && <p>No funders yet.</p>}
          <table className="data">
            <caption className="visually-hidden">Funders and their funding agreements</caption>
            <thead>
              <tr>
                <th scope="col">Funder</th>
                <th scope="col">Agreement</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                <th scope="col">Closure date for final claims</th>
              </tr>
            </thead>
            <tbody>
              {s.funders.flatMap((fu) =>
                fu.agreements.length === 0
                  ? [
                      <tr key={`f-${fu.id}`}>
                        <td>{fu.name}</td>
                        <td colSpan={4} className="muted">
                          No agreement recorded
                        </td>
                      </tr>,
                    ]
                  : fu.agreements.map((a) => (
                      <tr key={`a-${a.id}`}>
                        <td>{fu.name}</td>
                        <td>{a.name}</td>
                        <td>{formatUkDate(a.startsOn)}</td>
                        <td>{dateOr(a.endsOn, 'No end set')}</td>
                        <td>{dateOr(a.closureOn, 'None')}</td>
                      </tr>
                    )),
              )}
            </tbody>
          </table>
          {isAdmin && <AddAgreement funders={s.funders} />}
          <h3>Funding streams and projects</h3>
          {s.streams.length === 0 && <p>No funding streams yet.</p>}
          <table className="data">
            <caption className="visually-hidden">Funding streams and their projects</caption>
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">Funder</th>
                <th scope="col">Dates</th>
                <th scope="col">Projects</th>
              </tr>
            </thead>
            <tbody>
              {s.streams.map((st) => (
                <tr key={st.id}>
                  <td>
                    {st.name} <span className="muted">({st.code})</span>
                    {!st.isActive && <span className="tag tag-yellow">Closed</span>}
                  </td>
                  <td>{st.funderName ?? '—'}</td>
                  <td>
                    {dateOr(st.startsOn, 'Open')} to {dateOr(st.endsOn, 'open')}
                  </td>
                  <td>
                    {s.projects
                      .filter((p) => p.streamId === st.id)
                      .map((p) => `${p.name}${p.interventionCode ? ` (${p.interventionCode})` : ''}`)
                      .join('; ') || <span className="muted">None</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Targets and profiles</h3>
      <div className="period-row">
        <label htmlFor="targets-set">Indicator set</label>
        <select id="targets-set" value={chosen?.id ?? ''} onChange={(e) => setSetId(Number(e.target.value))}>
          {(sets.data ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} ({x.funderName})
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <>
          <p>
            {chosen.agreement
              ? `Agreement: ${chosen.agreement.name}, ${formatUkDate(chosen.agreement.startsOn)} to ${dateOr(chosen.agreement.endsOn, 'no end set')}.`
              : 'This set has no funding agreement: targets cannot be profiled by date.'}
          </p>
          <SetTargets key={chosen.id} set={chosen} />
        </>
      )}
    </section>
  );
}
