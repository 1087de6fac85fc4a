// Which screen shows each address of the vacancies area (the addresses: vacancies.routes.ts).
import './vacancies.css';
import { page, type Page } from '../../app/pages';
import { vacanciesRoutes } from './vacancies.routes';
import { VacanciesView } from './VacanciesView';
import { VacancyFormPage } from './VacancyFormPage';
import { VacancyPage } from './VacancyPage';
import { CandidatesView } from './CandidatesView';
import { EngagementView } from './EngagementView';

export const vacanciesPages: Page[] = [
  page(vacanciesRoutes.list, () => <VacanciesView />),
  page(vacanciesRoutes.newVacancy, () => <VacancyFormPage id={null} />),
  page(vacanciesRoutes.candidates, () => <CandidatesView />),
  page(vacanciesRoutes.engagement, () => <EngagementView />),
  page(vacanciesRoutes.vacancy, ({ id }) => <VacancyPage id={id} />),
  page(vacanciesRoutes.editVacancy, ({ id }) => <VacancyFormPage id={id} />),
];
