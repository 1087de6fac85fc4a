// The courses area's addresses and its sub-navigation.
import { int, oneOf, route } from '../../app/route';
import type { AreaTabs } from '../../components/nav-item';

export const runTabs = ['details', 'enrolments', 'register', 'results', 'dashboard'] as const;

export const coursesRoutes = {
  runs: route('courses'),
  newRun: route('courses/new'),
  catalogue: route('courses/catalogue'),
  siteReady: route('courses/site-ready'),
  expiry: route('courses/expiry'),
  dashboard: route('courses/dashboard'),
  /** One run; the register tab takes ?session=<id>. */
  run: route('courses/:id/:tab?', { id: int, tab: oneOf(...runTabs) }),
};

export const coursesTabs: AreaTabs = {
  label: 'Courses sections',
  items: [
    { label: 'Course runs', to: coursesRoutes.runs },
    { label: 'Site-ready candidates', to: coursesRoutes.siteReady },
    { label: 'Expiry worklist', to: coursesRoutes.expiry },
    { label: 'Dashboard', to: coursesRoutes.dashboard },
    { label: 'Catalogue', to: coursesRoutes.catalogue },
  ],
};
