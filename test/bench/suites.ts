// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as participants } from './participants.bench';

export const suites: BenchSuite[] = [
  store,
  // -- participants --
  participants,
  // -- courses --
  // -- outcomes --
  // -- returns --
  // -- imports --
  // -- trust --
];
