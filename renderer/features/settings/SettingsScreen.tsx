// The settings screen (built out by its area).
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function SettingsScreen(_props: { rest: string[] }) {
  return (
    <>
      <PageHeader title="Settings" />
      <EmptyState title="Coming soon">Staff, reference lists and the data file.</EmptyState>
    </>
  );
}
