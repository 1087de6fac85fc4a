// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as trust } from './trust.bench';

export const suites: BenchSuite[] = [
  store,
  // -- participants --
  // -- courses --
  // -- outcomes --
  // -- returns --
  // -- imports --
  // -- trust --
  trust,
];
