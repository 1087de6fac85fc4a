// The one sub-navigation (an area's sections: course runs, site-ready, …). The current section
// is worked out from the address: the item whose route matches it, else the one whose address
// is the longest start of it (a placement's page is under "Placements").
import './subnav.css';
import { useRoute } from '../app/router';
import { pathSegments } from '../app/route';
import { useCan } from '../app/session-context';
import type { NavItem } from './nav-item';

function currentItem(items: readonly NavItem[], path: readonly string[]): NavItem | undefined {
  let best: NavItem | undefined;
  let bestScore = 0;
  for (const item of items) {
    const exact = item.to.match(path) !== null || (item.also ?? []).some((r) => r.match(path) !== null);
    const own = pathSegments(item.to.href());
    const prefix = own.length <= path.length && own.every((s, i) => path[i] === s) ? own.length : 0;
    const score = exact ? Number.MAX_SAFE_INTEGER : prefix;
    if (score > bestScore) {
      best = item;
      bestScore = score;
    }
  }
  return best;
}

export function SubNav({
  label,
  items,
  showCurrent = true,
}: {
  label: string;
  items: readonly NavItem[];
  showCurrent?: boolean;
}) {
  const path = useRoute();
  const isAdmin = useCan('administrator');
  const visible = items.filter((i) => isAdmin || !i.admin);
  const current = showCurrent ? currentItem(visible, path) : undefined;
  return (
    <nav className="subnav" aria-label={label}>
      <ul>
        {visible.map((item) => (
          <li key={item.label}>
            <a href={item.to.href()} aria-current={item === current ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
