// An indicator's variance against its profile to date with a red/amber/green marker; the marker
// says its colour in words too, so it does not rely on colour alone.
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
