// The courses area: course runs (list, new, one run with its tabs), site-ready candidates, the
// expiry worklist, the dashboard and the catalogue. Sub-pages come from the hash path.
import './courses.css';
import { RunsListScreen } from './RunsListScreen';
import { RunPage } from './RunPage';
import { NewRunScreen } from './NewRunScreen';
import { CatalogueScreen } from './CatalogueScreen';
import { SiteReadyScreen } from './SiteReadyScreen';
import { ExpiryScreen } from './ExpiryScreen';
import { CoursesDashboardScreen } from './CoursesDashboardScreen';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function CoursesScreen({ rest }: { rest: string[] }) {
  const [first, second] = rest;
  if (!first) return <RunsListScreen />;
  if (first === 'new') return <NewRunScreen />;
  if (first === 'catalogue') return <CatalogueScreen />;
  if (first === 'site-ready') return <SiteReadyScreen />;
  if (first === 'expiry') return <ExpiryScreen />;
  if (first === 'dashboard') return <CoursesDashboardScreen />;
  const id = Number(first);
  if (Number.isInteger(id) && id > 0) return <RunPage id={id} tab={second ?? 'details'} />;
  return (
    <>
      <PageHeader title="Courses" />
      <EmptyState title="Page not found" action={<a href="#/courses">Go to course runs</a>}>
        There is no courses page at this address.
      </EmptyState>
    </>
  );
}
