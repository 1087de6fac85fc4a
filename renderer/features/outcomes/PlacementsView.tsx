// The placements grid: every placement in the programme, with quick search, column filters,
// sort, presets and export of the current view. Enter or double-click opens a placement.
import { GridScreen } from '../../components/GridScreen';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import type { PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import { placementColumns, placementPresetOptions } from './placements.columns';
import { outcomesRoutes, outcomesTabs } from './outcomes.routes';

export function PlacementsView() {
  return (
    <GridScreen<PlacementGridRow>
      title="Placements"
      tabs={outcomesTabs}
      noun="placements"
      grid="placements"
      searchHint="Name, reference, employer or site"
      columns={placementColumns}
      presets={placementPresetOptions}
      fetchPage={(query) => api.call('placements.page', query)}
      onOpen={(row) => navigate(outcomesRoutes.placement.path({ id: row.id }))}
      exportChannel="placements.export"
      action={{ label: 'Record placement', run: () => navigate(outcomesRoutes.newPlacement.path()) }}
    />
  );
}
