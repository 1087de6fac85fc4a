// The area's sub-navigation: placements, outcomes, the sustainment worklist, organisations,
// contracts (and outcome types for administrators).
import { useCan } from '../../app/session-context';

const sections = [
  { path: 'placements', label: 'Placements' },
  { path: 'outcomes', label: 'Outcomes' },
  { path: 'sustainment', label: 'Sustainment worklist' },
  { path: 'organisations', label: 'Employers & organisations' },
  { path: 'contracts', label: 'Contracts' },
];

export function SubNav({ current }: { current: string }) {
  const isAdmin = useCan('administrator');
  const all = isAdmin ? [...sections, { path: 'types', label: 'Outcome types' }] : sections;
  return (
    <nav className="subnav" aria-label="Placements and outcomes sections">
      {all.map((s) => (
        <a key={s.path} href={`#/outcomes/${s.path}`} aria-current={s.path === current ? 'page' : undefined}>
          {s.label}
        </a>
      ))}
    </nav>
  );
}
