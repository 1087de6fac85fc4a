// Funding: each funder with its agreements (start, end, closure date for final claims), the
// funding streams and projects items are attributed to, and each indicator set's targets and
// profiles. Administrators add and change funders, agreements, streams and projects and set
// targets; everyone can read.
import { useState } from 'react';
import { z } from 'zod';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { NumberField } from '../../components/form/ControlledFields';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { profilePeriods } from '../../../shared/domain/targets';
import type { AgreementView, SetSummary, TargetView } from '../../../shared/contract/returns.contract';
import type { ChannelOutput } from '../../../shared/contract/index';
import { AddFunderForm, AgreementForm, EditFunderForm, ProjectForm, StreamForm } from './FundingSetupForms';
import { SaveCancel } from '../../components/form/SaveCancel';
import { TableScroll } from '../../components/TableScroll';

const dateOr = (d: string | null, none: string) => (d ? formatUkDate(d) : none);

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
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save target
      </SaveCancel>
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
    <TableScroll>
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
    </TableScroll>
  );
}

/** Which row is being changed in place: "funder-3", "agreement-2", "stream-5", "project-9". */
type Editing = string | null;

function ChangeButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" aria-label={label} onClick={onClick}>
      Change
    </button>
  );
}

function FundingSetup({ s }: { s: ChannelOutput<'funding.setup'> }) {
  const isAdmin = useCan('administrator');
  const fundersWithColumns = useChannel('returns.funders', {}, { areas: ['returns'] });
  const [editing, setEditing] = useState<Editing>(null);
  const done = () => setEditing(null);
  const columnsOf = (id: number) => fundersWithColumns.data?.find((x) => x.id === id)?.personalColumns ?? [];
  return (
    <>
      <h3>Funders and agreements</h3>
      {s.funders.length === 0 && <p>No funders yet.{isAdmin ? ' Add one below.' : ''}</p>}
      {s.funders.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Funders and their funding agreements</caption>
            <thead>
              <tr>
                <th scope="col">Funder</th>
                <th scope="col">Agreement</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                <th scope="col">Closure date for final claims</th>
                {isAdmin && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {s.funders.flatMap((fu) => [
                <tr key={`f-${fu.id}`}>
                  <th scope="row">
                    {fu.name} <span className="muted">({fu.code})</span>
                  </th>
                  <td colSpan={4} className="muted">
                    {fu.agreements.length === 0 ? 'No agreement recorded' : (fu.notes ?? '')}
                  </td>
                  {isAdmin && (
                    <td>
                      {editing === `funder-${fu.id}` ? (
                        <EditFunderForm funder={fu} personalColumns={columnsOf(fu.id)} onDone={done} />
                      ) : (
                        <ChangeButton label={`Change ${fu.name}`} onClick={() => setEditing(`funder-${fu.id}`)} />
                      )}
                    </td>
                  )}
                </tr>,
                ...fu.agreements.map((a) => (
                  <tr key={`a-${a.id}`}>
                    <td>{fu.name}</td>
                    <td>{a.name}</td>
                    <td>{formatUkDate(a.startsOn)}</td>
                    <td>{dateOr(a.endsOn, 'No end set')}</td>
                    <td>{dateOr(a.closureOn, 'None')}</td>
                    {isAdmin && (
                      <td>
                        {editing === `agreement-${a.id}` ? (
                          <AgreementForm funders={s.funders} agreement={a} onDone={done} />
                        ) : (
                          <ChangeButton label={`Change ${a.name}`} onClick={() => setEditing(`agreement-${a.id}`)} />
                        )}
                      </td>
                    )}
                  </tr>
                )),
              ])}
            </tbody>
          </table>
        </TableScroll>
      )}
      {isAdmin && (
        <div className="form-columns">
          <AddFunderForm />
          {s.funders.length > 0 && <AgreementForm funders={s.funders} />}
        </div>
      )}
      <h3 id="streams-heading">Funding streams and projects</h3>
      {s.streams.length === 0 && (
        <p>
          No funding streams yet.{' '}
          {isAdmin
            ? s.funders.length === 0
              ? 'Add the funder first, then its streams below.'
              : 'Add the streams people and items are funded by below.'
            : 'An administrator adds them here.'}
        </p>
      )}
      {s.streams.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Funding streams and their projects</caption>
            <thead>
              <tr>
                <th scope="col">Stream or project</th>
                <th scope="col">Funder or stream</th>
                <th scope="col">Dates</th>
                <th scope="col">Intervention</th>
                <th scope="col">Status</th>
                {isAdmin && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {s.streams.flatMap((st) => [
                <tr key={`s-${st.id}`}>
                  <th scope="row">
                    {st.name} <span className="muted">({st.code})</span>
                  </th>
                  <td>{st.funderName ?? '—'}</td>
                  <td>
                    {dateOr(st.startsOn, 'Open')} to {dateOr(st.endsOn, 'open')}
                  </td>
                  <td />
                  <td>{st.isActive ? 'Open' : <span className="tag tag-yellow">Closed</span>}</td>
                  {isAdmin && (
                    <td>
                      {editing === `stream-${st.id}` ? (
                        <StreamForm funders={s.funders} stream={st} onDone={done} />
                      ) : (
                        <ChangeButton label={`Change ${st.name}`} onClick={() => setEditing(`stream-${st.id}`)} />
                      )}
                    </td>
                  )}
                </tr>,
                ...s.projects
                  .filter((p) => p.streamId === st.id)
                  .map((p) => (
                    <tr key={`p-${p.id}`}>
                      <td>
                        <span aria-hidden="true">↳ </span>
                        {p.name}
                        {p.interventionCode ? ` (${p.interventionCode})` : ''}{' '}
                        <span className="muted">project {p.code}</span>
                      </td>
                      <td>{st.name}</td>
                      <td />
                      <td>{p.interventionCode ?? <span className="muted">None</span>}</td>
                      <td>{p.isActive ? 'Open' : <span className="tag tag-yellow">Closed</span>}</td>
                      {isAdmin && (
                        <td>
                          {editing === `project-${p.id}` ? (
                            <ProjectForm streams={s.streams} project={p} onDone={done} />
                          ) : (
                            <ChangeButton label={`Change ${p.name}`} onClick={() => setEditing(`project-${p.id}`)} />
                          )}
                        </td>
                      )}
                    </tr>
                  )),
              ])}
            </tbody>
          </table>
        </TableScroll>
      )}
      {isAdmin && s.funders.length > 0 && (
        <div className="form-columns">
          <StreamForm funders={s.funders} />
          {s.streams.length > 0 && <ProjectForm streams={s.streams} />}
        </div>
      )}
    </>
  );
}

export function FundingView() {
  const setup = useChannel('funding.setup', {}, { areas: ['funding', 'returns'] });
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const [setId, setSetId] = useState<number | null>(null);
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
      {s && <FundingSetup s={s} />}
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
