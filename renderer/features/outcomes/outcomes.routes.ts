// The placements & outcomes area's addresses and its sub-navigation.
import { int, route } from '../../app/route';
import type { AreaTabs } from '../../components/nav-item';

export const outcomesRoutes = {
  home: route('outcomes'),
  placements: route('outcomes/placements'),
  /** For a participant when opened from their page (?participant=<id> works too). */
  newPlacement: route('outcomes/placements/new/:participant?', { participant: int }),
  placement: route('outcomes/placements/:id', { id: int }),
  editPlacement: route('outcomes/placements/:id/edit', { id: int }),
  convertPlacement: route('outcomes/placements/:id/convert', { id: int }),
  outcomes: route('outcomes/outcomes'),
  newOutcome: route('outcomes/outcomes/new/:participant?', { participant: int }),
  outcome: route('outcomes/outcomes/:id', { id: int }),
  sustainment: route('outcomes/sustainment'),
  organisations: route('outcomes/organisations'),
  newOrganisation: route('outcomes/organisations/new'),
  organisation: route('outcomes/organisations/:id', { id: int }),
  contracts: route('outcomes/contracts'),
  newContract: route('outcomes/contracts/new'),
  contract: route('outcomes/contracts/:id', { id: int }),
  editContract: route('outcomes/contracts/:id/edit', { id: int }),
  types: route('outcomes/types'),
};

export const outcomesTabs: AreaTabs = {
  label: 'Placements and outcomes sections',
  items: [
    { label: 'Placements', to: outcomesRoutes.placements, also: [outcomesRoutes.home] },
    { label: 'Outcomes', to: outcomesRoutes.outcomes },
    { label: 'Sustainment worklist', to: outcomesRoutes.sustainment },
    { label: 'Employers & organisations', to: outcomesRoutes.organisations },
    { label: 'Contracts & S106', to: outcomesRoutes.contracts },
    { label: 'Outcome types', to: outcomesRoutes.types, admin: true },
  ],
};
