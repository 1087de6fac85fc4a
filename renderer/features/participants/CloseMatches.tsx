// "Did you mean": when the exact quick search finds nobody or only a few people, suggestions of
// people whose names are one slip from the search or sound the same ("Nowack" → Nowak), marked
// as suggestions and saying why each is offered.
import { useChannel } from '../../api/use-channel';
import { formatUkDate } from '../../../shared/domain/dates';
import { participantsRoutes } from './participants.routes';

/** Up to this many exact results, close matches are offered as well. */
const FEW = 3;

export function CloseMatches({ search, total }: { search: string; total: number | null }) {
  const text = search.trim();
  const wanted = total !== null && total <= FEW && /[a-z]{3}/i.test(text);
  const matches = useChannel('participants.closeMatches', { search: text, excludeIds: [] }, { skip: !wanted });
  const found = wanted ? (matches.data ?? []) : [];
  if (!found.length) return null;
  return (
    <section className="close-matches" aria-labelledby="close-matches-title">
      <h2 id="close-matches-title">
        {total === 0 ? `No exact match for “${text}”.` : `Only ${total} exact ${total === 1 ? 'match' : 'matches'}.`}{' '}
        Close matches (suggestions):
      </h2>
      <ul>
        {found.map((m) => (
          <li key={m.id}>
            <a href={participantsRoutes.person.href({ id: m.id, tab: 'details' })}>
              {m.firstName} {m.lastName}
            </a>{' '}
            <span className="muted">
              {m.reference}
              {m.dateOfBirth ? ` · born ${formatUkDate(m.dateOfBirth)}` : ''}
              {m.postcode ? ` · ${m.postcode}` : ''}
            </span>{' '}
            <span className="tag tag-yellow">Suggestion</span> <span className="small">{capitalise(m.why)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
