// The participants area's routes: #/participants (grid), #/participants/new,
// #/participants/<id>/<tab> and #/participants/merge/<a>/<b>.
import { ParticipantsGrid } from './ParticipantsGrid';
import { NewParticipantScreen } from './NewParticipantScreen';
import { ParticipantPage } from './ParticipantPage';
import { MergeScreen } from './MergeScreen';
import { EmptyState } from '../../components/EmptyState';
import './participants.css';

export function ParticipantsScreen({ rest }: { rest: string[] }) {
  const [first, second, third] = rest;
  if (!first) return <ParticipantsGrid />;
  if (first === 'new') return <NewParticipantScreen />;
  if (first === 'merge' && Number(second) > 0 && Number(third) > 0)
    return <MergeScreen key={`${second}-${third}`} a={Number(second)} b={Number(third)} />;
  if (/^\d+$/.test(first)) return <ParticipantPage key={first} id={Number(first)} tab={second ?? 'details'} />;
  return (
    <EmptyState title="Page not found">
      <a href="#/participants">Back to participants</a>
    </EmptyState>
  );
}
