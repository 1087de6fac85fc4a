// The events grid: careers fairs, school sessions, site visits and workshops with their
// headcounts and named attendance; quick search, presets (this month, upcoming), saved views.
// Enter or double-click opens one.
import { GridScreen } from '../../components/GridScreen';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import type { EventGridRow } from '../../../shared/contract/events.contract';
import { eventColumns, eventPresetOptions } from './events.columns';
import { eventsRoutes } from './events.routes';

export function EventsView() {
  return (
    <GridScreen<EventGridRow>
      title="Events and activities"
      noun="events"
      grid="events"
      searchHint="Event, organiser, venue or school"
      columns={eventColumns}
      presets={eventPresetOptions}
      views={[
        { id: 'all', name: 'All events', state: {} },
        { id: 'this-month', name: 'This month', state: { preset: 'this-month' } },
        { id: 'upcoming', name: 'Upcoming', state: { preset: 'upcoming' } },
      ]}
      fetchPage={(query) => api.call('events.page', query)}
      onOpen={(row) => navigate(eventsRoutes.event.path({ id: row.id }))}
      action={{ label: 'Add event', run: () => navigate(eventsRoutes.newEvent.path()) }}
      emptyMessage={
        'No events yet. Add the careers fairs, school STEM sessions, site visits and employer workshops the programme ' +
        'runs, with how many people came by age group.'
      }
    />
  );
}
