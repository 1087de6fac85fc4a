// The returns screen (built out by its area).
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function ReturnsScreen(_props: { rest: string[] }) {
  return (
    <>
      <PageHeader title="Returns" />
      <EmptyState title="Coming soon">Funder returns and the programme dashboard.</EmptyState>
    </>
  );
}
