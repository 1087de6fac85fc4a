// Indicator sets as reference data: each set's indicators with their counting rules read as
// sentences, its version history, and (for administrators) editing that saves a new version.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { useCan } from '../../app/session-context';
import { navigate } from '../../app/router';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { IndicatorSetEditor } from './IndicatorSetEditor';
import { FundersPanel } from './FundersPanel';
import { NewSetForm } from './NewSetForm';
import { returnsRoutes } from './returns.routes';
import { DefinitionStatusTag } from './DefinitionStatusTag';
import type { ChannelOutput } from '../../../shared/contract/index';
import { TableScroll } from '../../components/TableScroll';

type Detail = ChannelOutput<'returns.setDetail'>;

/** An administrator confirms that the funder agreed an indicator's definition: saved as a new
 * version of the set (audited), recording who confirmed it and when. */
function ConfirmAgreed({ detail, code, onSaved }: { detail: Detail; code: string; onSaved(): void }) {
  const toasts = useToasts();
  const [asking, setAsking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Mark {code} agreed with funder…
      </button>
    );
  const confirm = async () => {
    setSaving(true);
    const r = await api.call('returns.saveSetVersion', {
      setId: detail.set.id,
      basedOnVersionId: detail.versionId,
      note: `${code} confirmed as agreed with ${detail.set.funderName}`,
      indicators: detail.indicators.map(({ sentence: _s, agreedBy: _b, agreedOn: _o, ...i }) =>
        i.code === code ? { ...i, definitionStatus: 'agreed' as const } : i,
      ),
    });
    setSaving(false);
    if (!r.ok) return setProblem(r.error.message);
    toasts.show({
      kind: 'success',
      message: `${code} marked agreed with ${detail.set.funderName} (version ${r.value.version})`,
    });
    setAsking(false);
    onSaved();
  };
  return (
    <div role="group" aria-label={`Confirm ${code} agreed with funder`} className="notice">
      <p>
        Has {detail.set.funderName} confirmed this definition and counting rule in writing? You are recorded as
        confirming it, today; the set is saved as a new version.
      </p>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={saving} onClick={() => void confirm()}>
          Yes, agreed with the funder
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function IndicatorSetsView({ setId, editing }: { setId: number | null; editing: boolean }) {
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const chosen = setId ?? sets.data?.[0]?.id ?? null;
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  const detail = useChannel(
    'returns.setDetail',
    { setId: chosen ?? 1, ...(versionId ? { versionId } : {}) },
    { areas: ['returns'], skip: chosen === null },
  );
  const isAdmin = useCan('administrator');
  const [creating, setCreating] = useState(false);
  const d = detail.data && detail.data.set.id === chosen ? detail.data : undefined;

  return (
    <section aria-labelledby="sets-heading">
      <h2 id="sets-heading">Indicator sets</h2>
      {isAdmin && !editing && !creating && (
        <div className="button-row">
          <button type="button" onClick={() => setCreating(true)}>
            New set for a funder
          </button>
        </div>
      )}
      {isAdmin && creating && !editing && <NewSetForm onCancel={() => setCreating(false)} />}
      {sets.data && sets.data.length === 0 && (
        <p>
          No indicator sets yet.{' '}
          {isAdmin ? 'Use “New set for a funder” to build one.' : 'An administrator can build one.'}
        </p>
      )}
      <nav aria-label="Indicator sets">
        <ul className="cards">
          {(sets.data ?? []).map((s) => (
            <li key={s.id} className="card">
              <a
                href={returnsRoutes.sets.href({ id: s.id })}
                aria-current={s.id === chosen ? 'page' : undefined}
                onClick={() => setVersionId(undefined)}
              >
                {s.name}
              </a>
              <div className="muted">
                {s.funderName} · version {s.currentVersion} · {s.indicatorCount} indicators
              </div>
            </li>
          ))}
        </ul>
      </nav>
      {detail.error && (
        <p className="error-message" role="alert">
          {detail.error.message}
        </p>
      )}
      {d && editing && isAdmin && (
        <IndicatorSetEditor
          detail={d}
          onDone={() => {
            setVersionId(undefined);
            navigate(returnsRoutes.sets.path({ id: d.set.id }));
          }}
        />
      )}
      {d && !editing && (
        <>
          <h3>
            {d.set.name}, version {d.version}
            {d.versionId !== d.set.currentVersionId ? ' (an earlier version)' : ''}
          </h3>
          {d.set.description && <p>{d.set.description}</p>}
          <div className="period-row">
            <label htmlFor="set-version">Version</label>
            <select id="set-version" value={d.versionId} onChange={(e) => setVersionId(Number(e.target.value))}>
              {d.versions.map((v) => (
                <option key={v.id} value={v.id}>
                  Version {v.version}: {v.note ?? ''} ({formatUkDateTime(v.createdAt)}
                  {v.createdBy ? `, ${v.createdBy}` : ''}; used by {v.returns} return{v.returns === 1 ? '' : 's'})
                </option>
              ))}
            </select>
            {isAdmin && d.versionId === d.set.currentVersionId && (
              <button type="button" onClick={() => navigate(returnsRoutes.editSet.path({ id: d.set.id }))}>
                Edit (saves a new version)
              </button>
            )}
          </div>
          <TableScroll>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Indicator</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Evidence required</th>
                </tr>
              </thead>
              <tbody>
                {d.indicators.map((i) => (
                  <tr key={i.code}>
                    <td className="unbroken">
                      {i.code}
                      {i.interventionCode ? <div className="muted">{i.interventionCode}</div> : null}
                    </td>
                    <td>
                      <strong>{i.title}</strong> <DefinitionStatusTag status={i.definitionStatus} />
                      {i.definitionStatus === 'agreed' && i.agreedOn && (
                        <span className="muted">
                          {' '}
                          Confirmed by {i.agreedBy ?? 'an administrator'} on {formatUkDate(i.agreedOn)}
                        </span>
                      )}
                      {isAdmin && i.definitionStatus !== 'agreed' && d.versionId === d.set.currentVersionId && (
                        <ConfirmAgreed
                          detail={d}
                          code={i.code}
                          onSaved={() => {
                            setVersionId(undefined);
                            detail.reload();
                          }}
                        />
                      )}
                      <p>{i.definition}</p>
                      <p className="sentence">
                        <strong>Counted as:</strong> {i.sentence}
                      </p>
                    </td>
                    <td>{i.unit}</td>
                    <td>{i.evidenceRequired}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <FundersPanel />
    </section>
  );
}
