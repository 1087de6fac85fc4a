// The browser harness: serves the real renderer and the same backend handlers on 127.0.0.1
// only, for end-to-end tests and for trying the app where Electron cannot run. Every API call
// carries a random per-run token; requests for other hosts or origins are refused.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Backend } from '../backend/backend';
import { decodeWire, encodeWire } from '../../shared/wire';
import { contentSecurityPolicy } from '../../shared/csp';
import { log } from '../backend/log';

const MAX_BODY_BYTES = 80 * 1024 * 1024; // an uploaded partner file (25 MB cap) as base64, plus slack
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A data file that waits for its recovery key before the harness serves it (keychain-open.ts). */
export interface LockedStore {
  exists: boolean;
  unlock(text: string): Promise<{ ok: true; backend: Backend } | { ok: false; message: string }>;
}

export interface HarnessOptions {
  /** The open store; or `locked`, a store the window unlocks first. */
  backend?: Backend;
  locked?: LockedStore;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface Harness {
  url: string;
  port: number;
  token: string;
  /** The store being served: null while it waits for its recovery key. */
  backend(): Backend | null;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const rendererDir = path.resolve(options.rendererDir);
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const tokenMatches = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  let backend: Backend | null = null;
  let unlocking: Promise<unknown> | null = null;
  const serve = (opened: Backend) => {
    backend = opened;
    opened.onEvent((event) => {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of sseClients) res.write(frame);
    });
  };
  if (options.backend) serve(options.backend);
  else if (!options.locked) throw new Error('The harness needs a store, open or locked.');

  const server = http.createServer(async (req, res) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end('Wrong host');
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      res.writeHead(403).end('Wrong origin');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    try {
      if (url.pathname === '/api/call' && req.method === 'POST') {
        const auth = req.headers.authorization?.replace(/^Bearer /, '');
        if (!tokenMatches(auth)) {
          res.writeHead(401).end('Missing or wrong token');
          return;
        }
        const body = await readBody(req);
        const { channel, input } = decodeWire(body) as { channel: unknown; input: unknown };
        const result = backend
          ? await backend.dispatch('harness', channel, input)
          : {
              ok: false,
              error: { kind: 'unauthenticated', message: 'Unlock the data file with its recovery key first.' },
            };
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(encodeWire(result));
        return;
      }
      // The unlock screen's two requests (as the desktop app's preload has them).
      if ((url.pathname === '/api/store-state' || url.pathname === '/api/unlock') && req.method === 'POST') {
        if (!tokenMatches(req.headers.authorization?.replace(/^Bearer /, ''))) {
          res.writeHead(401).end('Missing or wrong token');
          return;
        }
        const body = await readBody(req);
        let answer: unknown;
        if (url.pathname === '/api/store-state')
          answer = { locked: backend === null, exists: options.locked?.exists ?? true, mode: 'recovery' };
        else if (backend) answer = { ok: true };
        else if (unlocking) answer = { ok: false, message: 'The data file is being opened; wait a moment.' };
        else {
          const { text } = decodeWire(body) as { text: unknown };
          const attempt = (unlocking = options.locked!.unlock(typeof text === 'string' ? text.slice(0, 500) : ''));
          const outcome = await attempt.finally(() => (unlocking = null));
          if (outcome.ok) serve(outcome.backend);
          answer = outcome.ok ? { ok: true } : { ok: false, message: outcome.message };
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(encodeWire(answer));
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!tokenMatches(url.searchParams.get('token'))) {
          res.writeHead(401).end('Missing or wrong token');
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method !== 'GET') {
        res.writeHead(405).end();
        return;
      }
      serveStatic(url.pathname, res);
    } catch (error) {
      log('error', 'harness-request-failed', {
        path: url.pathname,
        error: error instanceof Error ? error.name : 'unknown',
      });
      if (!res.headersSent) res.writeHead(error instanceof BodyTooLarge ? 413 : 400).end();
    }
  });

  function serveStatic(pathname: string, res: http.ServerResponse) {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy({ connectSelf: true }),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    backend: () => backend,
    async close() {
      for (const res of sseClients) res.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A page still open (or a keep-alive socket) must not keep the harness alive.
      server.closeAllConnections();
      await closed;
    },
  };
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
