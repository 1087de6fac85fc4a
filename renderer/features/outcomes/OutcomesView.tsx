// The outcomes grid: every outcome, with quick search, column filters, sort, presets
// ("Unverified", "Has issues", "Sustainment due this month"…) and export of the current view.
import { GridScreen } from '../../components/GridScreen';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import type { OutcomeGridRow } from '../../../shared/contract/outcomes-schemas';
import { outcomeColumns, outcomePresetOptions } from './outcomes.columns';
import { outcomesRoutes, outcomesTabs } from './outcomes.routes';

export function OutcomesView() {
  return (
    <GridScreen<OutcomeGridRow>
      title="Outcomes"
      tabs={outcomesTabs}
      noun="outcomes"
      grid="outcomes"
      searchHint="Name, reference, employer or outcome"
      columns={outcomeColumns}
      presets={outcomePresetOptions}
      fetchPage={(query) => api.call('outcomes.page', query)}
      onOpen={(row) => navigate(outcomesRoutes.outcome.path({ id: row.id }))}
      exportChannel="outcomes.export"
      action={{ label: 'Record outcome', run: () => navigate(outcomesRoutes.newOutcome.path()) }}
    />
  );
}
