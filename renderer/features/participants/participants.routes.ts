// The participants area's addresses. Links and navigate() use these, never hand-typed "#/…".
import { int, oneOf, route } from '../../app/route';

export const participantTabs = [
  'details',
  'eligibility',
  'referrals',
  'timeline',
  'notes',
  'keyworker',
  'funding',
  'history',
] as const;

export const participantsRoutes = {
  list: route('participants'),
  new: route('participants/new'),
  /** Records whose answers disagree and an officer should check (labour-market status). */
  review: route('participants/review'),
  merge: route('participants/merge/:a/:b', { a: int, b: int }),
  /** A person's page; the tab is part of the address so it survives a reload. */
  person: route('participants/:id/:tab?', { id: int, tab: oneOf(...participantTabs) }),
};
