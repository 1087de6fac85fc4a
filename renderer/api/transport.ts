// How the window reaches the backend: through the preload's `window.worksbook` in the app, or
// over HTTP to the browser harness (token from the page's #token=... fragment).
import type { Result } from '../../shared/result';
import type { BackendEvent } from '../../shared/events';
import { decodeWire, encodeWire } from '../../shared/wire';
import type { StoreGateState } from '../../shared/store-opening';

export interface Transport {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  onMenuCommand(listener: (command: string) => void): () => void;
}

interface PreloadApi {
  channels: Record<string, (input: unknown) => Promise<Result<unknown>>>;
  onEvent(listener: (event: unknown) => void): () => void;
  onMenuCommand(listener: (command: string) => void): () => void;
  /** The store waits for a passphrase (no secure keychain) or its recovery key (a keychain with no
   * key for it): shared/store-opening.ts. */
  storeState?(): Promise<StoreGateState | null>;
  unlockStore?(text: string): Promise<{ ok: boolean; message?: string }>;
  /** Desktop app only: the team database connection kept in the keychain (electron/team-connection.ts). */
  teamState?(): Promise<TeamDatabaseState | null>;
  saveTeamConnection?(form: TeamConnectionForm): Promise<{ ok: boolean; message: string }>;
  clearTeamConnection?(): Promise<{ ok: boolean; message: string }>;
}

export interface TeamDatabaseState {
  /** The team database in use, without its password; null: this computer's own data file. */
  connected: string | null;
  saved: { address: string; tls: 'verify-full' | 'insecure-test-server' } | null;
  error: string | null;
}

export interface TeamConnectionForm {
  address: string;
  login: string;
  password: string;
  tls: 'verify-full' | 'insecure-test-server';
}

/** The desktop app's team-connection methods, or null in the browser harness (which is started
 * with --db by whoever runs it). */
export function teamConnectionApi(): Required<
  Pick<PreloadApi, 'teamState' | 'saveTeamConnection' | 'clearTeamConnection'>
> | null {
  const api = typeof window === 'undefined' ? undefined : window.worksbook;
  if (!api?.teamState || !api.saveTeamConnection || !api.clearTeamConnection) return null;
  return {
    teamState: api.teamState,
    saveTeamConnection: api.saveTeamConnection,
    clearTeamConnection: api.clearTeamConnection,
  };
}

declare global {
  interface Window {
    worksbook?: PreloadApi;
  }
}

function electronTransport(api: PreloadApi): Transport {
  return {
    call: (channel, input) => {
      const method = api.channels[channel];
      if (!method)
        return Promise.resolve({ ok: false, error: { kind: 'validation', message: `Unknown request ${channel}` } });
      return method(input);
    },
    onEvent: (listener) => api.onEvent((e) => listener(e as BackendEvent)),
    onMenuCommand: (listener) => api.onMenuCommand(listener),
  };
}

/** Whether the store is open yet, and how to open it when it is not. */
export interface StoreGate {
  state(): Promise<StoreGateState | null>;
  unlock(text: string): Promise<{ ok: boolean; message?: string }>;
}

function harnessToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem('worksbook-token', fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem('worksbook-token') ?? '';
}

/** The harness's unlock requests (db/harness/server.ts); a failure reads as "open" so that the
 * first call reports what is wrong, as it always did. */
function harnessStoreGate(): StoreGate {
  const post = async (route: string, body: unknown): Promise<unknown> => {
    const response = await fetch(route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${harnessToken()}` },
      body: encodeWire(body),
    });
    if (!response.ok) throw new Error(`The backend answered ${response.status}.`);
    return decodeWire(await response.text());
  };
  return {
    state: () =>
      post('/api/store-state', {}).then(
        (s) => s as StoreGateState,
        () => null,
      ),
    unlock: (text) =>
      post('/api/unlock', { text }).then(
        (r) => r as { ok: boolean; message?: string },
        () => ({ ok: false, message: 'The backend is not reachable. Is "npm run web" still running?' }),
      ),
  };
}

function harnessTransport(): Transport {
  const token = harnessToken();
  const listeners = new Set<(event: BackendEvent) => void>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m) => {
      const event = JSON.parse(m.data) as BackendEvent;
      for (const l of listeners) l(event);
    };
  };
  return {
    async call(channel, input) {
      try {
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: encodeWire({ channel, input }),
        });
        if (response.status === 401)
          return {
            ok: false,
            error: {
              kind: 'unauthenticated',
              message: 'This page needs the address printed by "npm run web" (with its #token).',
            },
          };
        if (!response.ok)
          return { ok: false, error: { kind: 'io', message: `The backend answered ${response.status}.` } };
        return decodeWire(await response.text()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { kind: 'io', message: 'The backend is not reachable. Is "npm run web" still running?' },
        };
      }
    },
    onEvent(listener) {
      ensureSource();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onMenuCommand: () => () => {},
  };
}

export const transport: Transport = window.worksbook ? electronTransport(window.worksbook) : harnessTransport();

export const storeGate: StoreGate | null = window.worksbook
  ? window.worksbook.storeState && window.worksbook.unlockStore
    ? { state: window.worksbook.storeState, unlock: window.worksbook.unlockStore }
    : null
  : harnessStoreGate();
