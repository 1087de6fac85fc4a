// Which screen shows each address of the participants area (the addresses: participants.routes.ts).
import './participants.css';
import { page, type Page } from '../../app/pages';
import { participantsRoutes } from './participants.routes';
import { ParticipantsGrid } from './ParticipantsGrid';
import { NewParticipantScreen } from './NewParticipantScreen';
import { ParticipantPage } from './ParticipantPage';
import { MergeScreen } from './MergeScreen';
import { ReviewScreen } from './ReviewScreen';

export const participantsPages: Page[] = [
  page(participantsRoutes.list, () => <ParticipantsGrid />),
  page(participantsRoutes.new, () => <NewParticipantScreen />),
  page(participantsRoutes.review, () => <ReviewScreen />),
  page(participantsRoutes.merge, ({ a, b }) => <MergeScreen key={`${a}-${b}`} a={a} b={b} />),
  page(participantsRoutes.person, ({ id, tab }) => <ParticipantPage key={id} id={id} tab={tab ?? 'details'} />),
];
