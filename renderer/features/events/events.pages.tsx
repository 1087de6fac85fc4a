// Which screen shows each address of the events area (the addresses: events.routes.ts).
import './events.css';
import { page, type Page } from '../../app/pages';
import { eventsRoutes } from './events.routes';
import { EventsView } from './EventsView';
import { EventFormPage } from './EventFormPage';
import { EventPage } from './EventPage';

export const eventsPages: Page[] = [
  page(eventsRoutes.list, () => <EventsView />),
  page(eventsRoutes.newEvent, () => <EventFormPage id={null} />),
  page(eventsRoutes.event, ({ id }) => <EventPage id={id} />),
  page(eventsRoutes.editEvent, ({ id }) => <EventFormPage id={id} />),
];
