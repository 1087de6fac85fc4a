// `npm run cli -- <command> [--db path]`: the command-line tool, on the same backend as the app.
import fs from 'node:fs';
import path from 'node:path';
import { placeBackupAsNewStore } from '../features/trust/backup-companion';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/backend';
import { isTeamStoreAddress, teamTlsSetting } from '../store/connection';
import { defaultStorePath } from '../backend/paths';
import { resolveStoreKey } from '../backend/store-key';
import { commands } from './commands';
import { CLI_CLIENT, CliExit, type CliIo } from './command';
import { listStaff } from '../features/staff/staff.repository';
import { markDemoStore } from '../features/trust/trust-settings';
import { writeTransaction } from '../store/dialect';
import { setLogSink } from '../backend/log';
import { APP_VERSION } from '../backend/version';
import { recoveryKeyProblem } from '../../shared/domain/key-codes';

/** True in the built CLI (scripts/cli-build.mjs defines it), which runs whenever it is loaded. */
declare const __CLI_ENTRY__: boolean | undefined;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const name = argv[0];
  if (name === '--version' || name === 'version') {
    io.out(APP_VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!name || name === 'help' || name === '--help' || !command) {
    if (name && name !== 'help' && name !== '--help') io.err(`Unknown command "${name}".`);
    io.out(
      'Usage: npm run cli -- <command> [--db <file> | --db postgres://...] [--key-file <file> | --recovery-key <key> | --plaintext] [options]\n' +
        '(a team database: --db postgres://login@host/database or WORKSBOOK_DB_URL; password from the connection\n' +
        'string or PGPASSWORD; TLS verify-full unless --db-tls insecure-test-server, for a test server only)\n' +
        '(or WORKSBOOK_PASSPHRASE / WORKSBOOK_KEY_FILE / WORKSBOOK_RECOVERY_KEY for an encrypted store; --plaintext, or WORKSBOOK_PLAINTEXT=1,\n' +
        'for an unencrypted one with demo or test data only)\n\nCommands:',
    );
    for (const c of commands) io.out(`  ${c.usage.padEnd(60)} ${c.summary}`);
    io.out(`  ${'--version'.padEnd(60)} Show the version of Worksbook`);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      options: {
        ...command.options,
        db: { type: 'string' },
        'db-tls': { type: 'string' },
        as: { type: 'string' },
        'key-file': { type: 'string' },
        'recovery-key': { type: 'string' },
        plaintext: { type: 'boolean' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\nUsage: ${command.usage}`);
    return 2;
  }
  if ('runOwnStores' in command) {
    try {
      return await command.runOwnStores(parsed, io);
    } catch (error) {
      if (error instanceof CliExit) return error.code;
      io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }
  // A team database's address is a connection string, not a path: never resolved against the
  // working folder (that once made a folder named "postgres:").
  const address = String(parsed.values.db ?? process.env.WORKSBOOK_DB_URL ?? defaultStorePath()).trim();
  const team = isTeamStoreAddress(address);
  const file = team ? address : path.resolve(address);
  const tlsName = parsed.values['db-tls'];
  const tls = typeof tlsName === 'string' ? teamTlsSetting(tlsName) : undefined;
  if (tls === null) {
    io.err('error: --db-tls must be verify-full (the default) or insecure-test-server.');
    return 2;
  }
  let backend;
  try {
    const keyFile = parsed.values['key-file'];
    const recoveryKey = parsed.values['recovery-key'] ?? process.env.WORKSBOOK_RECOVERY_KEY;
    // A mistyped key is told apart from a wrong one before anything is opened.
    const recoveryProblem = typeof recoveryKey === 'string' ? recoveryKeyProblem(recoveryKey) : null;
    if (recoveryProblem) {
      io.err(`error: --recovery-key: ${recoveryProblem}.`);
      return 2;
    }
    // A new computer: `restore <backup file> --recovery-key ... --db <new data file>` puts the backup
    // (and the key envelope its companion carries) in place, then opens it with the recovery key.
    const backupFile = parsed.positionals[0];
    if (
      !team &&
      command.name === 'restore' &&
      recoveryKey &&
      backupFile &&
      !fs.existsSync(file) &&
      fs.existsSync(backupFile)
    ) {
      placeBackupAsNewStore(path.resolve(backupFile), file);
      io.out(`Restored ${path.basename(backupFile)} as ${file} on this computer; it opens with the recovery key.`);
      return 0;
    }
    backend = await createBackend({
      file,
      tls,
      // A team database has no store key: the server holds the data; the login is the gate.
      key: team
        ? null
        : await resolveStoreKey(file, {
            keyFile: typeof keyFile === 'string' ? keyFile : undefined,
            recoveryKey: typeof recoveryKey === 'string' ? recoveryKey : undefined,
            plaintext: parsed.values.plaintext === true,
          }),
      automaticBackups: command.automaticBackups !== false,
    });
  } catch (error) {
    // A wrong or missing key, a newer store, a corrupt file: one clear line, no stack.
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    if (command.needsSession !== false)
      await startCliSession(backend, parsed.values.as as string | undefined, io, command.name === 'demo');
    return await command.run(parsed, backend, io);
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await backend.close();
  }
}

/** The CLI acts as a named staff member (--as "Name"), by default the first administrator;
 * on an empty store it creates the first administrator profile so `cli demo` just works. */
async function startCliSession(
  backend: Awaited<ReturnType<typeof createBackend>>,
  as: string | undefined,
  io: CliIo,
  demo: boolean,
) {
  const staff = (await listStaff(backend.store.db)).filter((s) => s.is_active === 1);
  if (staff.length === 0) {
    // `cli demo` on an empty store fills it with demo data: marked as such first (audited), so its
    // first administrator may stay password-less, as demo staff may. Any other store needs one.
    if (demo) {
      const at = new Date().toISOString();
      await writeTransaction(backend.store.db).execute((tx) => markDemoStore(tx, at, null));
    }
    const created = await backend.call(CLI_CLIENT, 'staff.createFirst', { displayName: as ?? 'Administrator' });
    if (!created.ok) throw new Error(created.error.message);
    return;
  }
  const chosen = as
    ? staff.find((s) => s.display_name.toLowerCase() === as.toLowerCase())
    : staff.find((s) => s.role === 'administrator');
  if (!chosen) throw new Error(as ? `No staff profile named "${as}".` : 'No administrator profile; use --as "Name".');
  // The store's key is not a person: the CLI signs in as the staff member it acts as, with their
  // password, through the same sign-in as the window (lockout counted, the sign-in audited). Only a
  // demo store lets a password-less profile in, as it does in the window.
  const password = process.env[CLI_PASSWORD_VARIABLE];
  if (chosen.password_hash !== null && !password)
    throw new Error(
      `${chosen.display_name} has a password: give it in ${CLI_PASSWORD_VARIABLE} ` +
        '(the command line acts as a staff member only with their password).',
    );
  const signedIn = await backend.call(CLI_CLIENT, 'session.start', { staffId: chosen.id, password });
  if (!signedIn.ok) throw new Error(`Could not sign in as ${chosen.display_name}: ${signedIn.error.message}`);
  void io;
}

/** Where the CLI reads the password of the staff member it acts as (never a command-line
 * argument: those show in the process list and shell history). */
const CLI_PASSWORD_VARIABLE = 'WORKSBOOK_STAFF_PASSWORD';

// Run as a program: by the launcher (`npm run cli` loads the build, dist/cli/cli.cjs) or from
// source (`tsx db/cli/main.ts`). Imported (tests call runCli), it does nothing.
const isMain =
  (typeof __CLI_ENTRY__ === 'boolean' && __CLI_ENTRY__) ||
  (process.argv[1] && /db[\\/]cli[\\/]main\.(ts|js|cjs|mjs)$/.test(process.argv[1]));
if (isMain) {
  setLogSink(() => {}); // the CLI's stdout is for results; request logs are not wanted there
  const io: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  runCli(process.argv.slice(2), io).then((code) => process.exit(code));
}
