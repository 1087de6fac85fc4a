// The events area's addresses.
import { int, route } from '../../app/route';

export const eventsRoutes = {
  list: route('events'),
  newEvent: route('events/new'),
  event: route('events/:id', { id: int }),
  editEvent: route('events/:id/edit', { id: int }),
};
