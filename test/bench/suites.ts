// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as returns } from './returns.bench';

export const suites: BenchSuite[] = [
  store,
  // -- participants --
  // -- courses --
  // -- outcomes --
  // -- returns --
  returns,
  // -- imports --
  // -- trust --
];
