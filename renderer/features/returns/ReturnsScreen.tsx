// The returns area: the dashboard (default), the return builder, submitted returns and the
// indicator sets. Sub-pages come from the hash path: #/returns/build, #/returns/submitted/12,
// #/returns/sets/3/edit.
import { PageHeader } from '../../components/PageHeader';
import { DashboardView } from './DashboardView';
import { ReturnBuilderView } from './ReturnBuilderView';
import { SubmittedReturnsView } from './SubmittedReturnsView';
import { IndicatorSetsView } from './IndicatorSetsView';
import './returns.css';

const sections = [
  { key: '', label: 'Dashboard' },
  { key: 'build', label: 'Return builder' },
  { key: 'submitted', label: 'Submitted returns' },
  { key: 'sets', label: 'Indicator sets' },
] as const;

export function ReturnsScreen({ rest }: { rest: string[] }) {
  const [section = '', id, action] = rest;
  const current = sections.find((s) => s.key === section) ?? sections[0];
  const numericId = id && /^\d+$/.test(id) ? Number(id) : null;
  return (
    <>
      <PageHeader
        title="Returns"
        subtitle="Funder returns and the programme dashboard: every number traceable to the people behind it."
      />
      <nav className="subnav" aria-label="Returns sections">
        {sections.map((s) => (
          <a
            key={s.key}
            href={`#/returns${s.key ? `/${s.key}` : ''}`}
            aria-current={s.key === current.key ? 'page' : undefined}
          >
            {s.label}
          </a>
        ))}
      </nav>
      {current.key === '' && <DashboardView />}
      {current.key === 'build' && <ReturnBuilderView />}
      {current.key === 'submitted' && <SubmittedReturnsView returnId={numericId} />}
      {current.key === 'sets' && <IndicatorSetsView setId={numericId} editing={action === 'edit'} />}
    </>
  );
}
