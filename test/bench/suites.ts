// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as courses } from './courses.bench';

export const suites: BenchSuite[] = [
  store,
  // -- participants --
  // -- courses --
  courses,
  // -- outcomes --
  // -- returns --
  // -- imports --
  // -- trust --
];
