// Every CLI command, by area. Add a command here after writing it beside its area.
import type { CliCommand } from './command';
import { demoCommand, infoCommand } from './app.commands';
import { participantsCommand } from './participants.commands';

export const commands: CliCommand[] = [
  infoCommand,
  demoCommand,
  // -- participants --
  participantsCommand,
  // -- courses --
  // -- outcomes --
  // -- returns --
  // -- imports --
  // -- trust --
];
