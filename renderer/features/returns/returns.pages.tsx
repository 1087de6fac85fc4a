// Which screen shows each address of the returns area (the addresses: returns.routes.ts).
import './returns.css';
import { page, type Page } from '../../app/pages';
import { returnsRoutes } from './returns.routes';
import { DashboardView } from './DashboardView';
import { ReturnBuilderView } from './ReturnBuilderView';
import { SubmittedReturnsView } from './SubmittedReturnsView';
import { IndicatorSetsView } from './IndicatorSetsView';
import { FundingView } from './FundingView';

export const returnsPages: Page[] = [
  page(returnsRoutes.dashboard, () => <DashboardView />),
  page(returnsRoutes.build, () => <ReturnBuilderView />),
  page(returnsRoutes.submitted, ({ id }) => <SubmittedReturnsView returnId={id ?? null} />),
  page(returnsRoutes.sets, ({ id }) => <IndicatorSetsView setId={id ?? null} editing={false} />),
  page(returnsRoutes.funding, () => <FundingView />),
  page(returnsRoutes.editSet, ({ id }) => <IndicatorSetsView setId={id} editing />),
];
