// The backend: owns the store and answers requests by channel name. Every request is checked
// (known channel, caller's role) and its input parsed by the contract before any handler runs;
// every answer is a Result. The same object serves the Electron utility process, the browser
// harness, the CLI and the tests.
import { contract, isChannelName, type ChannelName, type ChannelOutput } from '../../shared/contract/index';
import { roleAtLeast } from '../../shared/contract/define';
import { AppFailure, fieldErrorsFromZod, type Result } from '../../shared/result';
import type { BackendEvent } from '../../shared/events';
import { openStore, type OpenStoreOptions, type Store } from '../store/connection';
import { systemClock, type Clock } from './clock';
import type { BackendServices, Client } from './context';
import { createJobRunner } from './jobs';
import { collectHandlers } from './handlers';
import { log } from './log';
import path from 'node:path';

export interface Backend {
  readonly store: Store;
  readonly services: BackendServices;
  dispatch(clientId: string, channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Typed call for the CLI and tests. */
  call<C extends ChannelName>(clientId: string, channel: C, input: unknown): Promise<Result<ChannelOutput<C>>>;
  client(clientId: string): Client;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  close(): Promise<void>;
}

export interface BackendOptions extends OpenStoreOptions {
  clock?: Clock;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const handlers = collectHandlers();
  const store = await openStore(options);
  const listeners = new Set<(event: BackendEvent) => void>();
  const emit = (event: BackendEvent) => {
    for (const l of listeners) l(event);
  };
  const services: BackendServices = {
    db: store.db,
    sqlite: store.sqlite,
    storeFile: store.file,
    isEncrypted: store.isEncrypted,
    clock: options.clock ?? systemClock,
    emit,
    jobs: createJobRunner(emit),
    dataDir: store.file === ':memory:' ? path.join(process.cwd(), '.tmp', 'memory-store') : path.dirname(path.resolve(store.file)),
  };
  const clients = new Map<string, Client>();
  const client = (id: string) => {
    let c = clients.get(id);
    if (!c) {
      c = { id, session: null, lastActivity: Date.now() };
      clients.set(id, c);
    }
    return c;
  };

  async function dispatch(clientId: string, channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) return { ok: false, error: { kind: 'validation', message: 'Unknown request.' } };
    const def = contract[channel];
    const caller = client(clientId);
    if (def.role !== 'public') {
      if (!caller.session) return { ok: false, error: { kind: 'unauthenticated', message: 'Choose who is working before continuing.' } };
      if (!roleAtLeast(caller.session.staff.role, def.role)) {
        return { ok: false, error: { kind: 'forbidden', message: `Your role cannot do this (${def.summary.toLowerCase()}).` } };
      }
    }
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { kind: 'validation', message: 'Some details need correcting.', fields: fieldErrorsFromZod(parsed.error) } };
    }
    caller.lastActivity = Date.now();
    const started = performance.now();
    try {
      const handler = handlers[channel] as (input: unknown, ctx: unknown) => Promise<unknown>;
      const value = await handler(parsed.data, { ...services, client: caller, staffId: caller.session?.staff.id ?? null });
      const checked = def.output.safeParse(value);
      if (!checked.success) {
        log('error', 'output-mismatch', { channel, issues: checked.error.issues.length, first: checked.error.issues[0]?.path.join('.') ?? '' });
        return { ok: false, error: { kind: 'internal', message: 'Something went wrong; nothing was changed. The problem has been logged.' } };
      }
      log('info', 'request', { channel, ms: Math.round(performance.now() - started) });
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toError() };
      const name = error instanceof Error ? error.name : 'unknown';
      const code = (error as { code?: unknown }).code;
      // SQLite constraint messages name columns, never values, so they are safe to log.
      log('error', 'request-failed', { channel, error: name, code: typeof code === 'string' ? code : null, message: error instanceof Error ? error.message.slice(0, 200) : '' });
      if (typeof code === 'string' && code.startsWith('SQLITE_FULL')) {
        return { ok: false, error: { kind: 'io', message: 'The disk is full; nothing was saved. Free some space and try again.' } };
      }
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
        return { ok: false, error: { kind: 'conflict', message: 'That would conflict with data already held; nothing was saved.' } };
      }
      return { ok: false, error: { kind: 'internal', message: 'Something went wrong; nothing was changed. The problem has been logged.' } };
    }
  }

  return {
    store,
    services,
    dispatch,
    call: (clientId, channel, input) => dispatch(clientId, channel, input) as never,
    client,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => store.close(),
  };
}
