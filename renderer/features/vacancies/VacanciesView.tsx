// The vacancies grid: every vacancy with its pipeline counts, quick search, column filters,
// sort, presets (open, closing this week) and saved views. Enter or double-click opens one.
import { GridScreen } from '../../components/GridScreen';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import type { VacancyGridRow } from '../../../shared/contract/vacancies-schemas';
import { vacancyColumns, vacancyPresetOptions } from './vacancies.columns';
import { vacanciesRoutes, vacanciesTabs } from './vacancies.routes';

export function VacanciesView() {
  return (
    <GridScreen<VacancyGridRow>
      title="Vacancies"
      tabs={vacanciesTabs}
      noun="vacancies"
      grid="vacancies"
      searchHint="Job title, employer or site"
      columns={vacancyColumns}
      presets={vacancyPresetOptions}
      defaultPreset="open"
      views={[
        { id: 'open', name: 'Open vacancies', state: { preset: 'open' } },
        { id: 'closing', name: 'Closing this week', state: { preset: 'closing-this-week' } },
        { id: 'all', name: 'All vacancies', state: {} },
      ]}
      fetchPage={(query) => api.call('vacancies.page', query)}
      exportChannel="vacancies.export"
      onOpen={(row) => navigate(vacanciesRoutes.vacancy.path({ id: row.id }))}
      action={{ label: 'Add vacancy', run: () => navigate(vacanciesRoutes.newVacancy.path()) }}
      emptyMessage={
        'No open vacancies. Add the jobs, apprenticeships, work trials and guaranteed interviews employers offer, ' +
        'then put site-ready people forward for them.'
      }
    />
  );
}
