// The returns area's addresses and its sub-navigation.
import { int, route } from '../../app/route';
import type { AreaTabs } from '../../components/nav-item';

export const returnsRoutes = {
  /** The dashboard; keeps the chosen period as ?from=&to=. */
  dashboard: route('returns'),
  /** The return builder; keeps ?set=&from=&to=&open= (a dashboard figure links to it). */
  build: route('returns/build'),
  submitted: route('returns/submitted/:id?', { id: int }),
  sets: route('returns/sets/:id?', { id: int }),
  editSet: route('returns/sets/:id/edit', { id: int }),
  /** Funders, agreements, streams and projects, and each set's targets and profiles. */
  funding: route('returns/funding'),
};

export const returnsTabs: AreaTabs = {
  label: 'Returns sections',
  items: [
    { label: 'Dashboard', to: returnsRoutes.dashboard },
    { label: 'Return builder', to: returnsRoutes.build },
    { label: 'Submitted returns', to: returnsRoutes.submitted },
    { label: 'Indicator sets', to: returnsRoutes.sets },
    { label: 'Funding and targets', to: returnsRoutes.funding },
  ],
};
