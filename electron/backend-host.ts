// Starts the backend in an Electron utility process and relays calls to it. The main process
// stays thin: it never opens the store itself.
import { utilityProcess, type UtilityProcess } from 'electron';
import type { BackendEvent } from '../shared/events';
import type { OpenAttempt, StoreOpenKey } from '../shared/store-opening';

export interface BackendHost {
  call(clientId: string, channel: string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the backend on `file`; throws if it cannot open it (openBackendHost says why). */
export async function startBackendHost(
  entry: string,
  file: string,
  key: StoreOpenKey | null,
  onEvent: (event: BackendEvent) => void,
): Promise<BackendHost> {
  const attempt = await openBackendHost(entry, file, key, onEvent);
  if (!attempt.ok) throw new Error(attempt.message);
  return attempt.value;
}

/** Starts the backend on `file`, or says why not: `wrongKey` when the key was refused. */
export async function openBackendHost(
  entry: string,
  file: string,
  key: StoreOpenKey | null,
  onEvent: (event: BackendEvent) => void,
): Promise<OpenAttempt<BackendHost>> {
  const child: UtilityProcess = utilityProcess.fork(entry, [], { serviceName: 'Worksbook backend', stdio: 'inherit' });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  let onOpened: ((m: { ok: boolean; wrongKey: boolean; message?: string }) => void) | null = null;
  let onClosed: (() => void) | null = null;

  child.on(
    'message',
    (message: {
      type: string;
      id?: number;
      result?: unknown;
      event?: BackendEvent;
      ok?: boolean;
      wrongKey?: boolean;
      message?: string;
    }) => {
      if (message.type === 'result' && message.id !== undefined) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event' && message.event) onEvent(message.event);
      else if (message.type === 'opened')
        onOpened?.({ ok: Boolean(message.ok), wrongKey: Boolean(message.wrongKey), message: message.message });
      else if (message.type === 'closed') onClosed?.();
    },
  );
  child.on('exit', () => {
    for (const resolve of pending.values())
      resolve({
        ok: false,
        error: { kind: 'internal', message: 'The backend stopped unexpectedly. Restart Worksbook.' },
      });
    pending.clear();
  });

  const opened = await new Promise<{ ok: boolean; wrongKey: boolean; message?: string }>((resolve) => {
    onOpened = resolve;
    child.postMessage({ type: 'open', file, key });
  });
  if (!opened.ok) {
    child.kill();
    return { ok: false, wrongKey: opened.wrongKey, message: opened.message ?? 'The data file could not be opened.' };
  }

  const host: BackendHost = {
    call(clientId, channel, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.postMessage({ type: 'call', id, clientId, channel, input });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        child.postMessage({ type: 'close' });
        setTimeout(resolve, 3000);
      });
      child.kill();
    },
  };
  return { ok: true, value: host };
}
