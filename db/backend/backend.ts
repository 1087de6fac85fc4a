// The backend: owns the store and answers requests by channel name. Every request is checked
// (known channel, caller's session still valid and not idle, caller's role) and its input parsed
// by the contract before any handler runs; every answer is a Result, and a viewer's answers have
// the fields their output schema marks special category removed. The same object serves the
// Electron utility process, the browser harness, the CLI and the tests.
import { contract, isChannelName, type ChannelName, type ChannelOutput } from '../../shared/contract/index';
import { roleAtLeast, withinLogin, type Role } from '../../shared/contract/define';
import { AppFailure, fieldErrorsFromZod, type Result } from '../../shared/result';
import type { BackendEvent } from '../../shared/events';
import { defaultBackupDir, openStore, type OpenStoreOptions, type Store } from '../store/connection';
import { systemClock, type Clock } from './clock';
import type { BackendServices, Client } from './context';
import { createJobRunner } from './jobs';
import { collectHandlers } from './handlers';
import { log } from './log';
import { hasMarkedFields, noSpecialItems, redactForViewer } from '../features/trust/special-category';
import { loadSpecialItems } from '../features/trust/special-items.repository';
import { readTrustSettings } from '../features/trust/trust-settings';
import { backupIfDue, takeBackup } from './backups';
import { verifyAuditChain } from '../features/trust/audit-verify';
import {
  describeStoreFailure,
  flushErasedPages,
  storeBytes,
  foreignKeyProblemCount,
  integrityProblems,
  quickCheckProblems,
} from '../store/dialect';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { dataAreas, type ChannelEffect, type DataArea } from '../../shared/contract/define';
import type { Tx } from '../store/schema';
import { mergeParticipantSearch, writeTransaction, type BackupReason } from '../store/dialect';
import { runWrite } from './write-unit';
import { openAuditAnchor } from './audit-anchor';
import { createReadCache } from './read-cache';
import { removeStaleExportFiles } from '../features/export/export-file';
import { discardUncollectedExports } from '../features/export/export-job';

/** A handler answered in a shape its contract does not allow (a programming error). */
class OutputMismatch extends Error {
  readonly issues: number;
  readonly firstPath: string;
  constructor(channel: string, error: z.ZodError) {
    super(`${channel} answered outside its contract`);
    this.name = 'OutputMismatch';
    this.issues = error.issues.length;
    this.firstPath = error.issues[0]?.path.join('.') ?? '';
  }
}

export interface Backend {
  readonly store: Store;
  readonly services: BackendServices;
  dispatch(clientId: string, channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Typed call for the CLI and tests. */
  call<C extends ChannelName>(clientId: string, channel: C, input: unknown): Promise<Result<ChannelOutput<C>>>;
  client(clientId: string): Client;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  /** Signs out every session idle for longer than the auto-lock setting, or older than the
   * session lifetime; returns how many. */
  lockIdleSessions(): number;
  /** The daily backup of an 'after-start' backend: resolves when it is taken (or was not due,
   * or failed and was logged); starts it now if it was still waiting. For tests and the bench. */
  startupBackup(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendOptions extends OpenStoreOptions {
  clock?: Clock;
  /** The local folder for exports' temporary files and backups of a team database (a SQLite
   * store keeps them beside its file). Default: ~/.worksbook-team. */
  dataDir?: string;
  /** Take the daily backup on start when the last is older than a day: `true` before the
   * backend answers (the CLI, whose command is all it does), 'after-start' a little after it
   * starts answering (the app and the harness), so a backup of a large store — VACUUM INTO holds
   * the backend for seconds at 100,000 people — never keeps the first screen waiting. */
  automaticBackups?: boolean | 'after-start';
  /** How long an 'after-start' backup waits after the backend opens (default 10 s: the first
   * screen and its first queries are done by then). */
  startupBackupDelayMs?: number;
  /** How often a running 'after-start' backend checks whether the daily backup is due (default hourly). */
  dailyBackupCheckMs?: number;
  /** When a SQLite store's quick_check runs (it reads every page: about a second per 400 MB on a
   * quiet machine, more when it is busy). 'before-serving' (default): while opening, as the CLI
   * and tests do. 'after-start' (the app and the harness): a moment after the backend starts
   * answering, so the first screen does not wait for it. Until it has passed no write runs but
   * signing in (a write waits for the check, starting it at once if its time has not come); if
   * it finds damage every request from then on is refused, as the open would have been, and no
   * backup is taken of the damaged store. */
  storeCheck?: 'before-serving' | 'after-start';
  /** How long an 'after-start' check waits after the backend opens (default 3 s). */
  storeCheckDelayMs?: number;
}

/** Signing in writes only its own audit row and staff details, and the app cannot be used before
 * it: it does not wait for the check after start. */
const signInChannels: ReadonlySet<string> = new Set([
  'session.start',
  'session.setPassword',
  'session.redeemSetupCode',
]);

const DAMAGED_MESSAGE =
  'The data file failed its integrity check, so nothing more can be read or saved. Restore a backup.';

const IDLE_SWEEP_MS = 30_000;

const trustRules = (settings: { autoLockMinutes: number; sessionHours: number }) => ({
  autoLockMinutes: settings.autoLockMinutes,
  sessionHours: settings.sessionHours,
});

/** Export files a crashed backend left in the folder (export-file.ts); a folder it cannot read is
 * logged, not fatal: the store opens all the same. */
function removeLeftExports(dir: string): void {
  try {
    const removed = removeStaleExportFiles(dir);
    if (removed) log('info', 'stale-exports-removed', { files: removed });
  } catch (error) {
    log('error', 'stale-exports-unreadable', { error: error instanceof Error ? error.name : 'unknown' });
  }
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const handlers = collectHandlers();
  const checkAfterStart = options.storeCheck === 'after-start';
  let store = await openStore({ ...options, quickCheck: !checkAfterStart });
  const localDir =
    options.dataDir ??
    (store.kind === 'postgres'
      ? path.join(os.homedir(), '.worksbook-team')
      : store.file === ':memory:'
        ? path.join(process.cwd(), '.tmp', 'memory-store')
        : path.dirname(path.resolve(store.file)));
  removeLeftExports(path.join(localDir, 'exports'));
  const clock = options.clock ?? systemClock;
  const listeners = new Set<(event: BackendEvent) => void>();
  /** Each signed-in staff member's role as last read from the store, forgotten whenever a write
   * that names staff commits (or the store is reopened). The dispatcher checks it on every
   * request without a query, so a request that needs no data (cancelling a job, a job's progress)
   * still answers while a long job holds the store's one connection in its transaction. */
  const staffRoles = new Map<number, { role: Role; isActive: boolean; login: string | null } | null>();
  let staffGeneration = 0;
  const readCache = createReadCache();
  const emit = (event: BackendEvent) => {
    if (event.type === 'data-changed' && event.areas.some((a) => a === 'staff' || a === '*')) {
      staffRoles.clear();
      staffGeneration++;
    }
    // Before any listener hears of the change, so a screen that reloads on it reads afresh.
    if (event.type === 'data-changed') readCache.changed(event.areas);
    for (const l of listeners) l(event);
  };
  const clients = new Map<string, Client>();
  const client = (id: string) => {
    let c = clients.get(id);
    if (!c) {
      c = { id, session: null, lastActivity: clock.now().getTime() };
      clients.set(id, c);
    }
    return c;
  };
  const lock = (c: Client, reason: string) => {
    c.session = null;
    emit({ type: 'session-locked', reason });
  };

  const services: BackendServices = {
    db: store.db,
    storeFile: store.file,
    isEncrypted: store.isEncrypted,
    clock,
    emit,
    jobs: createJobRunner(emit),
    dataDir: localDir,
    backupDir:
      options.backupDir ??
      (store.file === ':memory:' || store.kind === 'postgres'
        ? path.join(localDir, 'backups')
        : defaultBackupDir(store.file)),
    storeKey: store.key,
    keys: {
      keyring: store.keyring,
      envelopeFile: store.envelopeFile,
      pendingRecoveryKey: store.recoveryKey,
      opener: store.opener,
    },
    audit: await openAuditAnchor(store, () => clock.now()),
    loginRole: store.loginRole,
    loginName: store.loginName,
    trust: trustRules(await readTrustSettings(store.db)),
    // The handle is read at each call: a restore replaces it.
    maintenance: {
      integrityProblems: () => integrityProblems(services.db),
      foreignKeyProblemCount: () => foreignKeyProblemCount(services.db),
      verifyAuditChain: () => verifyAuditChain(services.db, services.audit.view()),
      flushErasedPages: () => flushErasedPages(services.db),
      storeBytes: () => storeBytes(services.db, services.storeFile),
    },
    readCache,
    async reopenStore(between, reopenOptions = {}) {
      // The lock stays held while the file is replaced: no other program may open it meanwhile.
      const owned = store.lock;
      stopListening();
      await store.close({ keepLock: true });
      try {
        await between();
      } finally {
        // Reopened with the keys in hand (a rekey updates them before it reopens).
        // Checked before it answers again: a restored file is checked as it opens.
        store = await openStore({
          ...options,
          quickCheck: true,
          keyring: services.keys.keyring,
          opener: services.keys.opener,
          lock: owned,
        });
        stopListening = store.onOtherWriters(fromOthers);
        Object.assign(services, {
          db: store.db,
          loginRole: store.loginRole,
          loginName: store.loginName,
          isEncrypted: store.isEncrypted,
          storeKey: store.key,
          audit: await openAuditAnchor(store, () => clock.now(), reopenOptions),
        });
        services.keys.keyring = store.keyring;
        Object.assign(services.trust, trustRules(await readTrustSettings(store.db)));
        // Staff and their roles may differ in the restored data: everyone signs in again.
        for (const c of clients.values()) if (c.session) lock(c, 'store-reopened');
        emit({ type: 'data-changed', areas: ['*'] });
      }
      return { db: store.db };
    },
  };

  // Another member of a team database committed: the same event as our own writes.
  const knownAreas = new Set<string>(dataAreas);
  const fromOthers = (areas: string[]) => {
    const known = areas.filter((a): a is DataArea => knownAreas.has(a));
    if (known.length) emit({ type: 'data-changed', areas: known });
  };
  let stopListening = store.onOtherWriters(fromOthers);

  // The store check after start (storeCheck: 'after-start'): started by its timer or by the
  // first write, whichever comes first; every write waits for it.
  let damage: string[] = [];
  let storeChecked: Promise<string[]> | undefined = checkAfterStart ? undefined : Promise.resolve([]);
  let checkTimer: NodeJS.Timeout | undefined;
  const checkStore = (): Promise<string[]> => {
    storeChecked ??= (async () => {
      clearTimeout(checkTimer);
      const started = performance.now();
      const problems = await quickCheckProblems(services.db);
      log(problems.length ? 'error' : 'info', 'store-check', {
        problems: problems.length,
        ms: Math.round(performance.now() - started),
      });
      if (problems.length) {
        damage = problems;
        for (const c of clients.values()) if (c.session) lock(c, 'store-damaged');
      }
      return problems;
    })();
    return storeChecked;
  };
  if (checkAfterStart) {
    checkTimer = setTimeout(() => void checkStore(), options.storeCheckDelayMs ?? 3_000);
    checkTimer.unref();
  }

  const isIdle = (c: Client, now: number) =>
    services.trust.autoLockMinutes > 0 && now - c.lastActivity > services.trust.autoLockMinutes * 60_000;
  // However active, a session ends this long after sign-in (an absolute lifetime, OWASP ASVS 3.3).
  const isExpired = (c: Client, now: number) =>
    !!c.session &&
    services.trust.sessionHours > 0 &&
    now - new Date(c.session.startedAt).getTime() > services.trust.sessionHours * 3_600_000;
  /** Why a session must end now, if it must. */
  const endReason = (c: Client, now: number) =>
    isExpired(c, now) ? 'session-expired' : isIdle(c, now) ? 'inactivity' : null;

  function lockIdleSessions(): number {
    const now = clock.now().getTime();
    let n = 0;
    for (const c of clients.values()) {
      const reason = c.session ? endReason(c, now) : null;
      if (reason) {
        lock(c, reason);
        n++;
      }
    }
    return n;
  }
  const sweep = setInterval(lockIdleSessions, IDLE_SWEEP_MS);
  sweep.unref();

  /** The session's staff member as the store has them now: a role change or deactivation by an
   * administrator takes effect on the next request, not at the next sign-in. */
  async function currentRole(c: Client): Promise<Role | null> {
    const id = c.session!.staff.id;
    let staff = staffRoles.get(id);
    if (staff === undefined) {
      const generation = staffGeneration;
      const row = await services.db
        .selectFrom('staff')
        .select(['role', 'is_active', 'database_login'])
        .where('id', '=', id)
        .executeTakeFirst();
      staff = row ? { role: row.role, isActive: row.is_active === 1, login: row.database_login } : null;
      // A staff write that committed while this read waited may have made it stale: not kept.
      if (generation === staffGeneration) staffRoles.set(id, staff);
    }
    // A staff login unbound from this profile meanwhile (login-binding.service.ts): signed out too.
    if (!staff?.isActive || !c.session || (services.loginName !== null && staff.login !== services.loginName))
      return null;
    const role = withinLogin(staff.role, services.loginRole);
    if (role !== c.session.staff.role) c.session = { ...c.session, staff: { ...c.session.staff, role } };
    return role;
  }

  async function dispatch(clientId: string, channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) return { ok: false, error: { kind: 'validation', message: 'Unknown request.' } };
    if (damage.length) return { ok: false, error: { kind: 'io', message: DAMAGED_MESSAGE } };
    const def = contract[channel];
    const caller = client(clientId);
    const now = clock.now().getTime();
    const ended = caller.session ? endReason(caller, now) : null;
    if (ended) lock(caller, ended);
    let role: Role | null = null;
    if (caller.session) {
      role = await currentRole(caller);
      if (!role) lock(caller, 'account-changed');
    }
    if (def.role !== 'public') {
      if (!caller.session || !role)
        return { ok: false, error: { kind: 'unauthenticated', message: 'Sign in before continuing.' } };
      if (!roleAtLeast(role, def.role)) {
        return {
          ok: false,
          error: { kind: 'forbidden', message: `Your role cannot do this (${def.summary.toLowerCase()}).` },
        };
      }
    }
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          kind: 'validation',
          message: 'Some details need correcting.',
          fields: fieldErrorsFromZod(parsed.error),
        },
      };
    }
    // Nothing is written to a store whose check after start has not passed.
    if ((def.effect as ChannelEffect).kind !== 'read' && !signInChannels.has(channel) && (await checkStore()).length)
      return { ok: false, error: { kind: 'io', message: DAMAGED_MESSAGE } };
    caller.lastActivity = now;
    const started = performance.now();
    try {
      const handler = handlers[channel] as (input: unknown, ctx: unknown) => Promise<unknown>;
      const staffId = caller.session?.staff.id ?? null;
      const { db: _db, emit: _emit, reopenStore: _reopen, maintenance, ...common } = services;
      // Jobs started by this request are this staff member's: only they (or an administrator) cancel them.
      const jobs = services.jobs.ownedBy(staffId);
      const call = { ...common, jobs, client: caller, staffId };
      const effect = def.effect as ChannelEffect;
      // A write's output is checked inside its transaction, so a mismatch undoes the change.
      const checkOutput = (value: unknown) => {
        const checked = def.output.safeParse(value);
        if (!checked.success) throw new OutputMismatch(channel, checked.error);
        return checked.data;
      };
      let output: unknown;
      if (effect.kind === 'read') {
        output = checkOutput(await handler(parsed.data, { ...call, db: services.db, maintenance }));
      } else if (effect.kind === 'write') {
        const unit = { channel, areas: effect.areas, bulk: effect.bulk, staffId };
        output = await runWrite(services, unit, async (tx) => checkOutput(await handler(parsed.data, { ...call, tx })));
      } else {
        let backedUp = false;
        const transact = <T>(work: (tx: Tx) => Promise<T>, options: { areas?: readonly DataArea[] } = {}) => {
          const bulk = backedUp ? undefined : effect.bulk;
          backedUp = true;
          return runWrite(services, { channel, areas: options.areas ?? effect.areas, bulk, staffId }, work);
        };
        const ctx = {
          ...call,
          db: services.db,
          maintenance,
          transact,
          reopenStore: services.reopenStore,
          takeBackup: (reason: BackupReason) => takeBackup(services, reason, staffId),
        };
        output = checkOutput(await handler(parsed.data, ctx));
      }
      log('info', 'request', { channel, ms: Math.round(performance.now() - started) });
      if (caller.session?.staff.role !== 'viewer') return { ok: true, value: output };
      // A viewer's answer without the fields its schema marks special category.
      const special = hasMarkedFields(def.output) ? await loadSpecialItems(services.db) : noSpecialItems;
      return { ok: true, value: redactForViewer(def.output, output, special) };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toError() };
      if (error instanceof OutputMismatch) {
        log('error', 'output-mismatch', { channel, issues: error.issues, first: error.firstPath });
        return {
          ok: false,
          error: {
            kind: 'internal',
            message: 'Something went wrong; nothing was changed. The problem has been logged.',
          },
        };
      }
      const name = error instanceof Error ? error.name : 'unknown';
      const failure = describeStoreFailure(services.db, error);
      // The store's code and a message without values (the dialect masks any that could hold data).
      log('error', 'request-failed', { channel, error: name, code: failure.code, message: failure.safeMessage });
      if (failure.kind === 'disk-full' || failure.kind === 'io') {
        return {
          ok: false,
          error: {
            kind: 'io',
            message:
              failure.kind === 'disk-full'
                ? 'The disk is full; nothing was saved. Free some space and try again.'
                : 'The data file could not be written; nothing was saved. Check the disk and try again.',
          },
        };
      }
      if (failure.kind === 'constraint') {
        return {
          ok: false,
          error: { kind: 'conflict', message: 'That would conflict with data already held; nothing was saved.' },
        };
      }
      if (failure.kind === 'busy') {
        return {
          ok: false,
          error: {
            kind: 'conflict',
            message: 'Others were saving the same records at the same moment; nothing was saved. Try again.',
          },
        };
      }
      if (failure.kind === 'refused') {
        return {
          ok: false,
          error: {
            kind: 'forbidden',
            message: 'The team database refused this for your login; ask its administrator if you need it.',
          },
        };
      }
      if (failure.kind === 'unavailable') {
        return {
          ok: false,
          error: { kind: 'io', message: 'The team database cannot be reached; nothing was saved. Try again shortly.' },
        };
      }
      return {
        ok: false,
        error: { kind: 'internal', message: 'Something went wrong; nothing was changed. The problem has been logged.' },
      };
    }
  }

  let startupTimer: NodeJS.Timeout | undefined;
  let dailyTimer: NodeJS.Timeout | undefined;
  // The check under way, if any: one at a time, and close() waits for it.
  let backupRun: Promise<void> | undefined;
  // Upkeep with the daily backup's hourly check: single registrations leave the search index in
  // more and more pieces, each read by every search, so it is merged when there are more than a
  // few (no data changes, so no audit row). Its failure is logged and stops nothing.
  const keepSearchIndexMerged = async () => {
    try {
      const started = performance.now();
      const merged = await writeTransaction(services.db).execute((tx) => mergeParticipantSearch(tx));
      if (merged) log('info', 'search-index-merged', { ms: Math.round(performance.now() - started) });
    } catch (error) {
      log('error', 'search-index-merge-failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };
  const checkDailyBackup = (): Promise<void> => {
    // After the store check: a damaged store is neither tidied nor backed up (its backups stay as they were).
    backupRun ??= checkStore()
      .then(async (problems) => {
        if (problems.length) return null;
        await keepSearchIndexMerged();
        return backupIfDue(services);
      })
      .then(
        () => undefined,
        // A failed daily backup must not stop people working; it is logged and shown in Settings.
        (error: unknown) =>
          log('error', 'daily-backup-failed', { error: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => (backupRun = undefined));
    return backupRun;
  };
  const runStartupBackup = (): Promise<void> => {
    clearTimeout(startupTimer);
    return checkDailyBackup();
  };
  const backend: Backend = {
    get store() {
      return store;
    },
    services,
    dispatch,
    // The dispatcher checked the output against this channel's schema, so the result has its type.
    call: <C extends ChannelName>(clientId: string, channel: C, input: unknown) =>
      dispatch(clientId, channel, input) as Promise<Result<ChannelOutput<C>>>,
    client,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lockIdleSessions,
    startupBackup: () => runStartupBackup(),
    close: async () => {
      // A backup still waiting is not started on the way out (the next start takes it); one
      // under way finishes first.
      clearTimeout(startupTimer);
      clearTimeout(checkTimer);
      clearInterval(dailyTimer);
      await backupRun;
      await storeChecked;
      clearInterval(sweep);
      stopListening();
      discardUncollectedExports(services.jobs);
      await store.close();
    },
  };
  if (options.automaticBackups === 'after-start' && store.file !== ':memory:') {
    startupTimer = setTimeout(() => void runStartupBackup(), options.startupBackupDelayMs ?? 10_000);
    // The app stays open for days on a council laptop: the daily backup is checked every hour,
    // not only at start (it is taken when the last one is a day old).
    dailyTimer = setInterval(() => void checkDailyBackup(), options.dailyBackupCheckMs ?? 3_600_000);
    dailyTimer.unref();
  } else if (options.automaticBackups && store.file !== ':memory:') await runStartupBackup();
  return backend;
}
