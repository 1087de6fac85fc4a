// A CLI command: a name, a one-line description, its options (node:util parseArgs form) and a
// function that runs it against the backend. Areas add theirs to db/cli/commands.ts.
import type { ParseArgsConfig } from 'node:util';
import type { Backend } from '../backend/backend';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

type CliArgs = {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
};

interface CommandBase {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
}

/** A command that opens two stores itself (copying one into another), not the one --db names. */
export interface OwnStoresCommand extends CommandBase {
  runOwnStores(args: CliArgs, io: CliIo): Promise<number>;
}

/** Any command of the list (db/cli/commands.ts). */
export type AnyCliCommand = CliCommand | OwnStoresCommand;

/** A command on the store --db names, through the backend (almost all). */
export interface CliCommand extends CommandBase {
  /** Whether it needs a signed-in staff member (most do). */
  needsSession?: boolean;
  /** Whether opening the store for this command may take the daily backup (default yes). */
  automaticBackups?: boolean;
  run(args: CliArgs, backend: Backend, io: CliIo): Promise<number>;
}

export const CLI_CLIENT = 'cli';

/** Unwraps a backend result for the CLI: prints the error (with field paths) and exits 1. */
export function unwrap<T>(
  result:
    | { ok: true; value: T }
    | {
        ok: false;
        error: { kind: string; message: string; fields?: Array<{ path: Array<string | number>; message: string }> };
      },
  io: CliIo,
): T {
  if (result.ok) return result.value;
  io.err(`error (${result.error.kind}): ${result.error.message}`);
  for (const f of result.error.fields ?? []) io.err(`  ${f.path.join('.') || '(input)'}: ${f.message}`);
  throw new CliExit(1);
}

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
