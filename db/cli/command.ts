// A CLI command: a name, a one-line description, its options (node:util parseArgs form) and a
// function that runs it against the backend. Areas add theirs to db/cli/commands.ts.
import type { ParseArgsConfig } from 'node:util';
import type { Backend } from '../backend/backend';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether it needs a signed-in staff member (most do). */
  needsSession?: boolean;
  /** Whether opening the store for this command may take the daily backup (default yes). */
  automaticBackups?: boolean;
  run(
    args: { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] },
    backend: Backend,
    io: CliIo,
  ): Promise<number>;
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
