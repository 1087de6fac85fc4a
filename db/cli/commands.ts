// Every CLI command, by area. Add a command here after writing it beside its area.
import type { CliCommand } from './command';
import { demoCommand, infoCommand } from './app.commands';
import { returnCommand, statsCommand } from './returns.commands';

export const commands: CliCommand[] = [
  infoCommand,
  demoCommand,
  // -- participants --
  // -- courses --
  // -- outcomes --
  // -- returns --
  returnCommand,
  statsCommand,
  // -- imports --
  // -- trust --
];
