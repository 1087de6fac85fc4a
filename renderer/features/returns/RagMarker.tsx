// An indicator's variance against its profile to date with a red/amber/green marker; the marker
// says its colour in words too, so it does not rely on colour alone. TargetCells: the cells of an
// indicator's progress, the same in the return builder and the dashboard's targets table.
import { ragLabels, type Rag } from '../../../shared/domain/targets';

const ragClass: Record<Rag, string> = {
  green: 'tag tag-green',
  amber: 'tag tag-yellow',
  red: 'tag tag-red',
  none: 'muted',
};

export function RagMarker({ rag, variance }: { rag: Rag; variance: number | null }) {
  if (rag === 'none' || variance === null) return <span className="muted">{ragLabels.none}</span>;
  return (
    <>
      {variance > 0 ? `+${variance.toLocaleString('en-GB')}` : variance.toLocaleString('en-GB')}{' '}
      <span className={ragClass[rag]}>{ragLabels[rag]}</span>
    </>
  );
}

/** An indicator's cumulative count, target, profile to date and variance: four cells of its row. */
export function TargetCells({
  i,
}: {
  i: { cumulative: number; target: number | null; profileToDate: number | null; rag: Rag; variance: number | null };
}) {
  return (
    <>
      <td>{i.cumulative.toLocaleString('en-GB')}</td>
      <td>{i.target === null ? <span className="muted">None set</span> : i.target.toLocaleString('en-GB')}</td>
      <td>
        {i.profileToDate === null ? <span className="muted">None</span> : i.profileToDate.toLocaleString('en-GB')}
      </td>
      <td>
        <RagMarker rag={i.rag} variance={i.variance} />
      </td>
    </>
  );
}
