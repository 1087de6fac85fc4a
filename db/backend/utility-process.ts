// Entry of the backend when it runs as an Electron utility process. Main sends "open" with the
// store path and key, then "call" messages; this answers each with a Result and forwards the
// backend's events. It imports nothing from Electron: process.parentPort is all it needs.
import { createBackend, type Backend } from './backend';
import type { StoreOpenKey } from '../../shared/store-opening';
import { isRefusedKey, unlockFromOpenKey } from './store-key';
import { log } from './log';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

type Inbound =
  | { type: 'open'; file: string; key: StoreOpenKey | null }
  | { type: 'call'; id: number; clientId: string; channel: string; input: unknown }
  | { type: 'close' };

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('utility-process.ts must run as an Electron utility process');

let backend: Backend | null = null;

port.on('message', async ({ data }) => {
  const message = data as Inbound;
  switch (message.type) {
    case 'open': {
      try {
        const key = message.key === null ? null : unlockFromOpenKey(message.key);
        backend = await createBackend({
          file: message.file,
          key,
          automaticBackups: 'after-start',
          storeCheck: 'after-start',
        });
        backend.onEvent((event) => port.postMessage({ type: 'event', event }));
        port.postMessage({ type: 'opened', ok: true });
      } catch (error) {
        log('error', 'store-open-failed', { error: error instanceof Error ? error.name : 'unknown' });
        port.postMessage({
          type: 'opened',
          ok: false,
          // A refused key (the keychain's, a recovery key mistyped) is one the window can ask for again.
          wrongKey: isRefusedKey(error),
          message: error instanceof Error ? error.message : 'The data file could not be opened.',
        });
      }
      return;
    }
    case 'call': {
      const result = backend
        ? await backend.dispatch(message.clientId, message.channel, message.input)
        : { ok: false, error: { kind: 'internal', message: 'The data file is not open.' } };
      port.postMessage({ type: 'result', id: message.id, result });
      return;
    }
    case 'close': {
      await backend?.close();
      backend = null;
      port.postMessage({ type: 'closed' });
      return;
    }
  }
});
