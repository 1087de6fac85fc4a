// Every CLI command, by area. Add a command here after writing it beside its area.
import type { AnyCliCommand } from './command';
import { demoCommand, infoCommand } from './app.commands';
import { trustCommands } from './trust.commands';
import { importCommand, reconcileCommand } from './imports.commands';
import { contractsProgressCommand, sustainmentCommand } from './outcomes.commands';
import { participantsCommand } from './participants.commands';
import { coursesListCommand } from './courses.commands';
import { returnCommand, statsCommand } from './returns.commands';
import { vacanciesListCommand } from './vacancies.commands';
import { eventsListCommand } from './events.commands';
import { teamCommand } from './team.commands';

export const commands: AnyCliCommand[] = [
  infoCommand,
  demoCommand,
  // -- participants --
  participantsCommand,
  // -- courses --
  coursesListCommand,
  // -- outcomes --
  sustainmentCommand,
  contractsProgressCommand,
  // -- vacancies --
  vacanciesListCommand,
  // -- events --
  eventsListCommand,
  // -- returns --
  returnCommand,
  statsCommand,
  // -- imports --
  importCommand,
  reconcileCommand,
  // -- trust --
  ...trustCommands,
  // -- team mode --
  teamCommand,
];
