// Which screen shows each address of the courses area (the addresses: courses.routes.ts).
import './courses.css';
import { page, type Page } from '../../app/pages';
import { coursesRoutes } from './courses.routes';
import { RunsListScreen } from './RunsListScreen';
import { RunPage } from './RunPage';
import { NewRunScreen } from './NewRunScreen';
import { CatalogueScreen } from './CatalogueScreen';
import { SiteReadyScreen } from './SiteReadyScreen';
import { ExpiryScreen } from './ExpiryScreen';
import { CoursesDashboardScreen } from './CoursesDashboardScreen';

export const coursesPages: Page[] = [
  page(coursesRoutes.runs, () => <RunsListScreen />),
  page(coursesRoutes.newRun, () => <NewRunScreen />),
  page(coursesRoutes.catalogue, () => <CatalogueScreen />),
  page(coursesRoutes.siteReady, () => <SiteReadyScreen />),
  page(coursesRoutes.expiry, () => <ExpiryScreen />),
  page(coursesRoutes.dashboard, () => <CoursesDashboardScreen />),
  page(coursesRoutes.run, ({ id, tab }) => <RunPage key={id} id={id} tab={tab ?? 'details'} />),
];
