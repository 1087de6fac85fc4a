// Everyone put forward for any vacancy: quick search, column filters, sort, presets
// (interviews this week, offers waiting for an answer) and saved views. Enter or double-click
// opens the vacancy, where the candidate is moved on.
import { GridScreen } from '../../components/GridScreen';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import type { CandidateGridRow } from '../../../shared/contract/vacancies-schemas';
import { candidateColumns, candidatePresetOptions } from './vacancies.columns';
import { vacanciesRoutes, vacanciesTabs } from './vacancies.routes';

export function CandidatesView() {
  return (
    <GridScreen<CandidateGridRow>
      title="Candidates"
      tabs={vacanciesTabs}
      noun="candidates"
      grid="vacancy-candidates"
      searchHint="Name, reference, vacancy or employer"
      columns={candidateColumns}
      presets={candidatePresetOptions}
      defaultPreset="in-progress"
      views={[
        { id: 'in-progress', name: 'In progress', state: { preset: 'in-progress' } },
        { id: 'interviews', name: 'Interviews this week', state: { preset: 'interviews-this-week' } },
        { id: 'offers', name: 'Offers waiting', state: { preset: 'offers-waiting' } },
        { id: 'all', name: 'Everyone put forward', state: {} },
      ]}
      fetchPage={(query) => api.call('candidates.page', query)}
      exportChannel="candidates.export"
      onOpen={(row) => navigate(vacanciesRoutes.vacancy.path({ id: row.vacancyId }))}
      emptyMessage="Nobody is being put forward just now. Open a vacancy to put site-ready people forward."
    />
  );
}
