// Every benchmark suite, by area.
import type { BenchSuite } from './bench-kit';
import { suite as store } from './store.bench';
import { suite as trust } from './trust.bench';
import { suite as imports } from './imports.bench';
import { suite as outcomes } from './outcomes.bench';
import { suite as participants } from './participants.bench';
import { suite as courses } from './courses.bench';
import { suite as returns } from './returns.bench';
import { suite as cli } from './cli.bench';
import { suite as memory } from './memory.bench';

export const suites: BenchSuite[] = [
  store,
  cli,
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
  // one backend's memory, in a process of its own
  memory,
];
