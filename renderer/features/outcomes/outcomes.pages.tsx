// Which screen shows each address of the placements & outcomes area (the addresses:
// outcomes.routes.ts).
import './outcomes.css';
import { page, type Page } from '../../app/pages';
import { outcomesRoutes } from './outcomes.routes';
import { PlacementsView } from './PlacementsView';
import { PlacementFormPage } from './PlacementFormPage';
import { PlacementPage } from './PlacementPage';
import { OutcomesView } from './OutcomesView';
import { OutcomeFormPage } from './OutcomeFormPage';
import { OutcomePage } from './OutcomePage';
import { SustainmentView } from './SustainmentView';
import { OrganisationsView } from './OrganisationsView';
import { OrganisationPage } from './OrganisationPage';
import { ContractsView } from './ContractsView';
import { ContractPage } from './ContractPage';
import { OutcomeTypesView } from './OutcomeTypesView';
import { useSearchParam } from '../../app/router';
import { int } from '../../app/route';

/** A participant chosen by the address (…/new/42), or by ?participant=42 from older links. */
function NewFor({ participant, form }: { participant: number | undefined; form: 'placement' | 'outcome' }) {
  const [fromQuery] = useSearchParam('participant');
  const id = participant ?? (fromQuery ? (int.parse(fromQuery) ?? null) : null);
  return form === 'placement' ? <PlacementFormPage participantId={id} /> : <OutcomeFormPage participantId={id} />;
}

export const outcomesPages: Page[] = [
  page(outcomesRoutes.home, () => <PlacementsView />),
  page(outcomesRoutes.placements, () => <PlacementsView />),
  page(outcomesRoutes.newPlacement, ({ participant }) => <NewFor participant={participant} form="placement" />),
  page(outcomesRoutes.placement, ({ id }) => <PlacementPage id={id} convert={false} />),
  page(outcomesRoutes.editPlacement, ({ id }) => <PlacementFormPage placementId={id} participantId={null} />),
  page(outcomesRoutes.convertPlacement, ({ id }) => <PlacementPage id={id} convert />),
  page(outcomesRoutes.outcomes, () => <OutcomesView />),
  page(outcomesRoutes.newOutcome, ({ participant }) => <NewFor participant={participant} form="outcome" />),
  page(outcomesRoutes.outcome, ({ id }) => <OutcomePage id={id} />),
  page(outcomesRoutes.sustainment, () => <SustainmentView />),
  page(outcomesRoutes.organisations, () => <OrganisationsView />),
  page(outcomesRoutes.newOrganisation, () => <OrganisationPage id={null} />),
  page(outcomesRoutes.organisation, ({ id }) => <OrganisationPage id={id} />),
  page(outcomesRoutes.contracts, () => <ContractsView />),
  page(outcomesRoutes.newContract, () => <ContractPage id={null} edit />),
  page(outcomesRoutes.contract, ({ id }) => <ContractPage id={id} edit={false} />),
  page(outcomesRoutes.editContract, ({ id }) => <ContractPage id={id} edit />),
  page(outcomesRoutes.types, () => <OutcomeTypesView />),
];
