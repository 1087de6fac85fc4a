// The courses screen (built out by its area).
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function CoursesScreen(_props: { rest: string[] }) {
  return (
    <>
      <PageHeader title="Courses" />
      <EmptyState title="Coming soon">Course runs, cohorts, registers, results and who is site ready.</EmptyState>
    </>
  );
}
