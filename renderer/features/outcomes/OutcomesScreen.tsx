// The outcomes screen (built out by its area).
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function OutcomesScreen(_props: { rest: string[] }) {
  return (
    <>
      <PageHeader title="Placements & outcomes" />
      <EmptyState title="Coming soon">Employers, contracts, placements and outcomes with evidence.</EmptyState>
    </>
  );
}
