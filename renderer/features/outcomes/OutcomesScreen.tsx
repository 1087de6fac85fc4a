// Placements & outcomes: one screen with sub-pages chosen by the route's rest segments, e.g.
// #/outcomes/placements/new/42, #/outcomes/outcomes/17, #/outcomes/sustainment.
import './outcomes.css';
import { SubNav } from './SubNav';
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
import { hashQuery } from './form-helpers';

function idOf(segment: string | undefined): number | null {
  return segment && /^\d+$/.test(segment) ? Number(segment) : null;
}

function page(rest: string[]) {
  const [section = 'placements', a, b] = rest;
  const id = idOf(a);
  const participant = idOf(b) ?? idOf(hashQuery('participant') ?? undefined);
  switch (section) {
    case 'placements':
      if (a === 'new') return <PlacementFormPage participantId={participant} />;
      if (id && b === 'edit') return <PlacementFormPage placementId={id} participantId={null} />;
      if (id) return <PlacementPage id={id} convert={b === 'convert'} />;
      return <PlacementsView />;
    case 'outcomes':
      if (a === 'new') return <OutcomeFormPage participantId={participant} />;
      if (id) return <OutcomePage id={id} />;
      return <OutcomesView />;
    case 'sustainment':
      return <SustainmentView />;
    case 'organisations':
      if (a === 'new') return <OrganisationPage id={null} />;
      if (id) return <OrganisationPage id={id} />;
      return <OrganisationsView />;
    case 'contracts':
      if (a === 'new') return <ContractPage id={null} edit />;
      if (id) return <ContractPage id={id} edit={b === 'edit'} />;
      return <ContractsView />;
    case 'types':
      return <OutcomeTypesView />;
    default:
      return <PlacementsView />;
  }
}

export function OutcomesScreen({ rest }: { rest: string[] }) {
  const section = rest[0] ?? 'placements';
  return (
    <div className="screen-fill outcomes-area" key={rest.join('/')}>
      <SubNav current={section} />
      {page(rest)}
    </div>
  );
}
