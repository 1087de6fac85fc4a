// The timeline: everything that happened to the person, newest first, filled by every area.
import { useChannel } from '../../api/use-channel';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';

export function TimelineTab({ id }: { id: number }) {
  const tl = useChannel('participants.timeline', { id }, { areas: ['participants', 'courses', 'outcomes'] });
  if (tl.error) return <p role="alert">{tl.error.message}</p>;
  if (!tl.data) return <p aria-busy="true">Loading…</p>;
  if (!tl.data.items.length) return <p>Nothing has happened yet.</p>;
  const notesHidden = tl.data.specialCategoryHidden;
  return (
    <ol className="timeline" aria-label="Timeline, newest first">
      {tl.data.items.map((item, i) => (
        <li key={`${item.at}-${i}`}>
          <span className="when">
            {item.at.endsWith('T00:00:00.000Z') ? formatUkDate(item.at) : formatUkDateTime(item.at)}
          </span>
          <div>
            <strong>{item.title}</strong>
            {item.detail && <p className="detail">{item.detail}</p>}
            {item.note && <p className="detail">{item.note}</p>}
            {notesHidden &&
              (item.kind === 'note' || item.kind === 'site-ready' || item.kind === 'keyworker') &&
              !item.note && <p className="detail muted">Note text not shown to viewers.</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
