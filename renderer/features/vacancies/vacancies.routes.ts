// The vacancies area's addresses and its sub-navigation.
import { int, route } from '../../app/route';
import type { AreaTabs } from '../../components/nav-item';

export const vacanciesRoutes = {
  list: route('vacancies'),
  newVacancy: route('vacancies/new'),
  candidates: route('vacancies/candidates'),
  engagement: route('vacancies/engagement'),
  vacancy: route('vacancies/:id', { id: int }),
  editVacancy: route('vacancies/:id/edit', { id: int }),
};

export const vacanciesTabs: AreaTabs = {
  label: 'Vacancies sections',
  items: [
    { label: 'Vacancies', to: vacanciesRoutes.list },
    { label: 'Candidates', to: vacanciesRoutes.candidates },
    { label: 'Employer engagement', to: vacanciesRoutes.engagement },
  ],
};
