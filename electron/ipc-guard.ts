// The checks on every IPC message before it reaches the backend, kept apart from main.ts so that
// they can be tested without Electron: the sender must be the app's own page in the main
// window's top frame, the channel one of the contract's, and the payload plain data of a sane
// size (the backend then parses it with the contract's schema).
import { isChannelName } from '../shared/contract/index';

export interface SenderFrame {
  url: string;
}

export type GuardResult = { ok: true } | { ok: false; error: { kind: 'forbidden' | 'validation'; message: string } };

const MAX_DEPTH = 32;
const MAX_BYTES = 80 * 1024 * 1024; // an uploaded file as bytes, plus slack

/** Plain data only: what structured clone gives for JSON-like values and byte arrays. */
export function isPlainPayload(value: unknown, depth = 0, budget = { bytes: 0 }): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
      budget.bytes += value.length * 2;
      return budget.bytes <= MAX_BYTES;
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false; // functions, symbols, bigint
  }
  if (value instanceof Uint8Array) {
    budget.bytes += value.byteLength;
    return budget.bytes <= MAX_BYTES;
  }
  if (Array.isArray(value))
    return value.length <= 1_000_000 && value.every((v) => isPlainPayload(v, depth + 1, budget));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false; // Map, Date, class instances…
  return Object.entries(value as Record<string, unknown>).every(
    ([k, v]) => k !== '__proto__' && isPlainPayload(v, depth + 1, budget),
  );
}

export function createIpcGuard(options: { mainFrame(): SenderFrame | null; isAppUrl(url: string): boolean }) {
  return {
    check(senderFrame: SenderFrame | null | undefined, channel: unknown, input: unknown): GuardResult {
      const main = options.mainFrame();
      if (!senderFrame || !main || senderFrame !== main || !options.isAppUrl(senderFrame.url)) {
        return { ok: false, error: { kind: 'forbidden', message: 'Unexpected sender.' } };
      }
      if (!isChannelName(channel)) return { ok: false, error: { kind: 'validation', message: 'Unknown request.' } };
      if (!isPlainPayload(input))
        return { ok: false, error: { kind: 'validation', message: 'The request was not plain data.' } };
      return { ok: true };
    },
  };
}
