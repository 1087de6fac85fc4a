// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as trust } from './trust.bench';
import { suite as imports } from './imports.bench';
import { suite as outcomes } from './outcomes.bench';
import { suite as participants } from './participants.bench';
import { suite as courses } from './courses.bench';
import { suite as returns } from './returns.bench';

export const suites: BenchSuite[] = [
  store,
  // -- participants --
  participants,
  // -- courses --
  courses,
  // -- outcomes --
  outcomes,
  // -- returns --
  returns,
  // -- imports --
  imports,
  // -- trust --
  trust,
];
