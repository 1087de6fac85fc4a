// The dashboard's targets and profiles: for the chosen period and indicator set, each indicator's
// count this period, cumulative to date, target, profile to date and variance with its
// red/amber/green marker in words — the return builder's own figures (returns.compute, counts
// only) — and the dashboard's one chart component drawing cumulative against profile and target.
import { useMemo, useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { formatUkDate } from '../../../shared/domain/dates';
import { ChartFigure } from './ChartFigure';
import { TargetCells } from './RagMarker';
import { returnsRoutes } from './returns.routes';
import { coveringSet } from './covering-set';
import { TableScroll } from '../../components/TableScroll';

interface TargetRow {
  key: string;
  label: string;
  cumulative: number;
  profileToDate: number;
  target: number;
}

export function TargetsFigure({ from, to }: { from: string; to: string }) {
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const [setId, setSetId] = useState<number | null>(null);
  const chosen = sets.data?.find((s) => s.id === setId) ?? coveringSet(sets.data ?? [], from, to);
  const computed = useChannel(
    'returns.compute',
    { setId: chosen?.id ?? 1, from, to, warnings: false },
    { areas: ['returns', 'participants', 'courses', 'outcomes'], skip: !chosen },
  );
  const c = computed.data && chosen && computed.data.set.id === chosen.id ? computed.data : undefined;
  // Made once for each answer, so its chart is drawn once (ChartFigure keeps options by rows).
  const rows = useMemo(
    (): TargetRow[] =>
      (c?.indicators ?? [])
        .filter((i) => i.target !== null || i.profileToDate !== null)
        .map((i) => ({
          key: i.code,
          label: i.code,
          cumulative: i.cumulative,
          profileToDate: i.profileToDate ?? 0,
          target: i.target ?? 0,
        })),
    [c],
  );
  return (
    <section aria-labelledby="targets-heading">
      <h3 id="targets-heading">Targets and profiles</h3>
      <div className="period-row">
        <label htmlFor="dashboard-targets-set">Indicator set</label>
        <select id="dashboard-targets-set" value={chosen?.id ?? ''} onChange={(e) => setSetId(Number(e.target.value))}>
          {(sets.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.funderName})
            </option>
          ))}
        </select>
      </div>
      {sets.data && sets.data.length === 0 && <p>No indicator sets yet: build one in Indicator sets.</p>}
      {computed.error && (
        <p className="error-message" role="alert">
          {computed.error.message}
        </p>
      )}
      {chosen && !c && !computed.error && <p aria-live="polite">Counting…</p>}
      {c && (
        <>
          {c.agreement.messages.map((m) => (
            <p key={m} className={c.agreement.status === 'outside' ? 'error-message' : 'notice'}>
              {m}
            </p>
          ))}
          <p className="muted">
            {c.set.name}, version {c.version}, for {c.periodLabel}; cumulative figures count from{' '}
            {formatUkDate(c.cumulativeFrom)}.{' '}
            <a href={returnsRoutes.build.href({}, { set: c.set.id, from: c.from, to: c.to })}>
              Open in the return builder
            </a>
            {' · '}
            <a href={returnsRoutes.funding.href()}>Set targets and profiles</a>
          </p>
          <TableScroll>
            <table className="data">
              <caption className="visually-hidden">
                Targets and profiles of {c.set.name}, {c.periodLabel}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">This period</th>
                  <th scope="col">Cumulative</th>
                  <th scope="col">Target</th>
                  <th scope="col">Profile to date</th>
                  <th scope="col">Variance</th>
                </tr>
              </thead>
              <tbody>
                {c.indicators.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">
                      {i.code}: {i.title}
                    </th>
                    <td>{i.count.toLocaleString('en-GB')}</td>
                    <TargetCells i={i} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {rows.length > 0 ? (
            <ChartFigure<TargetRow>
              id="chart-targets"
              title={`${c.set.name}: cumulative against profile and target`}
              categoryHeader="Indicator"
              rows={rows}
              series={[
                { field: 'cumulative', name: 'Cumulative' },
                { field: 'profileToDate', name: 'Profile to date' },
                { field: 'target', name: 'Target' },
              ]}
              horizontal
              fileStem={`targets-${c.set.code}-${c.from}`}
            />
          ) : (
            <p className="muted">No targets or profiles are set for this set yet.</p>
          )}
        </>
      )}
    </section>
  );
}
