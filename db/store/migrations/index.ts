// Every migration, in order. An explicit list because a bundled app has no folder to scan.
// Names are zero-padded and each area has its own range so that work on different areas
// never collides: 00xx foundation, 001x participants, 002x courses, 003x placements and
// outcomes, 004x returns, 005x imports, 006x trust. Append only; never edit a shipped one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-participants';
import * as m0003 from './0003-organisations-courses';
import * as m0004 from './0004-placements-outcomes';
import * as m0060 from './0060-trust';
import * as m0050 from './0050-imports';
import * as m0010 from './0010-participants-search-merges';
import * as m0020 from './0020-course-catalogue';
import * as m0040 from './0040-returns';
import * as m0041 from './0041-counting-indexes';

// -- foundation --
const foundation: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-participants': m0002,
  '0003-organisations-courses': m0003,
  '0004-placements-outcomes': m0004,
};

// -- participants (001x) --
const participants: Record<string, Migration> = {
  '0010-participants-search-merges': m0010,
};

// -- courses (002x) --
const courses: Record<string, Migration> = {
  '0020-course-catalogue': m0020,
};

// -- placements and outcomes (003x) --
import * as m0030 from './0030-outcomes-evidence-files';
const outcomes: Record<string, Migration> = {
  '0030-outcomes-evidence-files': m0030,
};

// -- returns (004x) --
const returns: Record<string, Migration> = {
  '0040-returns': m0040,
  '0041-counting-indexes': m0041,
};

// -- imports (005x) --
const imports: Record<string, Migration> = {
  '0050-imports': m0050,
};

// -- trust (006x) --
const trust: Record<string, Migration> = {
  '0060-trust': m0060,
};

export const migrations: Record<string, Migration> = {
  ...foundation,
  ...participants,
  ...courses,
  ...outcomes,
  ...returns,
  ...imports,
  ...trust,
};

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';
