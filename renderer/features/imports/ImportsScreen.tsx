// The imports screen (built out by its area).
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function ImportsScreen(_props: { rest: string[] }) {
  return (
    <>
      <PageHeader title="Imports" />
      <EmptyState title="Coming soon">Import and reconcile partner spreadsheets.</EmptyState>
    </>
  );
}
