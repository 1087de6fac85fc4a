// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as outcomes } from './outcomes.bench';

export const suites: BenchSuite[] = [
  store,
  // -- participants --
  // -- courses --
  // -- outcomes --
  outcomes,
  // -- returns --
  // -- imports --
  // -- trust --
];
