// The areas in the navigation, in order, each with its pages (from the area's route table) and
// its sub-navigation. The shell shows the page for the address, or the one not-found page.
import type { ReactNode } from 'react';
import type { Page } from './pages';
import { useCan } from './session-context';
import type { AreaTabs } from '../components/nav-item';
import { PageHeader } from '../components/PageHeader';
import { participantsPages } from '../features/participants/participants.pages';
import { participantsRoutes } from '../features/participants/participants.routes';
import { coursesPages } from '../features/courses/courses.pages';
import { coursesRoutes, coursesTabs } from '../features/courses/courses.routes';
import { vacanciesPages } from '../features/vacancies/vacancies.pages';
import { vacanciesRoutes, vacanciesTabs } from '../features/vacancies/vacancies.routes';
import { outcomesPages } from '../features/outcomes/outcomes.pages';
import { eventsPages } from '../features/events/events.pages';
import { eventsRoutes } from '../features/events/events.routes';
import { outcomesRoutes, outcomesTabs } from '../features/outcomes/outcomes.routes';
import { returnsPages } from '../features/returns/returns.pages';
import { returnsRoutes, returnsTabs } from '../features/returns/returns.routes';
import { importsPages } from '../features/imports/imports.pages';
import { importsRoutes } from '../features/imports/imports.routes';
import { settingsPages } from '../features/settings/settings.pages';
import { settingsRoutes, settingsTabs } from '../features/settings/settings.routes';

export interface Area {
  /** The first segment of its addresses. */
  path: string;
  label: string;
  /** Alt+<shortcut> goes there. */
  shortcut: string;
  home: string;
  pages: readonly Page[];
  /** Its sections: tabs under the heading of each section's page, and on its not-found page. */
  tabs?: AreaTabs;
  /** What every page of the area sits in. */
  layout?(page: ReactNode): ReactNode;
}

export const areas: readonly Area[] = [
  {
    path: 'participants',
    label: 'Participants',
    shortcut: '1',
    home: participantsRoutes.list.href(),
    pages: participantsPages,
  },
  {
    path: 'courses',
    label: 'Courses',
    shortcut: '2',
    home: coursesRoutes.runs.href(),
    pages: coursesPages,
    tabs: coursesTabs,
  },
  {
    path: 'vacancies',
    label: 'Vacancies',
    shortcut: '3',
    home: vacanciesRoutes.list.href(),
    pages: vacanciesPages,
    tabs: vacanciesTabs,
    layout: (page) => <div className="screen-fill vacancies-area">{page}</div>,
  },
  {
    path: 'outcomes',
    label: 'Placements & outcomes',
    shortcut: '4',
    home: outcomesRoutes.home.href(),
    pages: outcomesPages,
    tabs: outcomesTabs,
    layout: (page) => <div className="screen-fill outcomes-area">{page}</div>,
  },
  {
    path: 'events',
    label: 'Events',
    shortcut: '8',
    home: eventsRoutes.list.href(),
    pages: eventsPages,
    layout: (page) => <div className="screen-fill">{page}</div>,
  },
  {
    path: 'returns',
    label: 'Returns',
    shortcut: '5',
    home: returnsRoutes.dashboard.href(),
    pages: returnsPages,
    tabs: returnsTabs,
    layout: (page) => (
      <>
        <PageHeader
          title="Returns"
          subtitle="Funder returns and the programme dashboard: every number traceable to the people behind it."
          tabs={returnsTabs}
        />
        {page}
      </>
    ),
  },
  {
    path: 'imports',
    label: 'Imports',
    shortcut: '6',
    home: importsRoutes.home.href(),
    pages: importsPages,
  },
  {
    path: 'settings',
    label: 'Settings',
    shortcut: '7',
    home: settingsRoutes.home.href(),
    pages: settingsPages,
    tabs: settingsTabs,
    layout: (page) => <SettingsLayout>{page}</SettingsLayout>,
  },
];

function SettingsLayout({ children }: { children: ReactNode }) {
  const isAdmin = useCan('administrator');
  return (
    <div className="screen-fill">
      <PageHeader
        title="Settings"
        subtitle={isAdmin ? undefined : 'Other settings are for administrators.'}
        tabs={settingsTabs}
      />
      {children}
    </div>
  );
}
