// Electron hardening, checked without starting Electron: the window's options, the CSP, the
// fuses, the IPC guard, and an electronegativity scan of electron/ with no HIGH finding.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';

vi.mock('electron', () => ({}));
const { mainWindowOptions, isAppUrl, isAllowedExternalUrl, APP_ENTRY_URL } =
  await import('../../electron/window-options');
const { contentSecurityPolicy } = await import('../../shared/csp');
const { electronFuses } = await import('../../electron/fuses');
const { createIpcGuard, isPlainPayload } = await import('../../electron/ipc-guard');

describe('window', () => {
  it('is sandboxed and isolated, with no Node, web security on and nothing extra', () => {
    const w = mainWindowOptions('/app/preload.cjs', { isPackaged: false }).webPreferences!;
    expect(w).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(w.preload).toBe('/app/preload.cjs');
    expect(w.devTools).toBe(false);
  });

  it('never opens DevTools in an installed build, even with WORKSBOOK_DEVTOOLS=1', () => {
    vi.stubEnv('WORKSBOOK_DEVTOOLS', '1');
    try {
      expect(mainWindowOptions('/app/preload.cjs', { isPackaged: true }).webPreferences!.devTools).toBe(false);
      // A developer's own build still may.
      expect(mainWindowOptions('/app/preload.cjs', { isPackaged: false }).webPreferences!.devTools).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('loads only its own pages and opens only allow-listed https links', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    for (const url of [
      'https://worksbook',
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(isAppUrl(url), url).toBe(false);
    expect(isAllowedExternalUrl('https://www.gov.uk/x')).toBe(true);
    for (const url of ['http://www.gov.uk/', 'https://www.gov.uk.evil.com/', 'file:///C:/x', 'https://evil.example/'])
      expect(isAllowedExternalUrl(url), url).toBe(false);
  });

  it('main.ts builds the window from these options and keeps the sender check', () => {
    const main = fs.readFileSync('electron/main.ts', 'utf8');
    expect(main).toMatch(/mainWindowOptions\(/);
    expect(main).toMatch(/guard\.check\(event\.senderFrame/);
    expect(main).toMatch(/setPermissionRequestHandler\(.*callback\(false\)/);
    expect(main).toMatch(/setWindowOpenHandler/);
    expect(main).toMatch(/app\.enableSandbox\(\)/);
  });
});

describe('content security policy', () => {
  for (const connectSelf of [false, true]) {
    it(`allows scripts only from the app itself (connectSelf=${connectSelf})`, () => {
      const csp = contentSecurityPolicy({ connectSelf });
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v]),
      );
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['default-src']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
      expect(directives['connect-src']).toEqual([connectSelf ? "'self'" : "'none'"]);
    });
  }
});

describe('fuses', () => {
  it('are flipped for packaging', () => {
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });
  it('name real fuses of @electron/fuses', async () => {
    const { FuseV1Options } = await import('@electron/fuses');
    const known = Object.keys(FuseV1Options)
      .filter((k) => Number.isNaN(Number(k)))
      .map((k) => k.toLowerCase());
    for (const key of Object.keys(electronFuses)) expect(known, key).toContain(key.toLowerCase());
  });
});

describe('IPC guard', () => {
  const main = { url: 'app://worksbook/index.html' };
  const guard = createIpcGuard({ mainFrame: () => main, isAppUrl });
  it('accepts the main window, a contract channel and plain data', () => {
    expect(guard.check(main, 'participants.page', { offset: 0, bytes: new Uint8Array(3) })).toEqual({ ok: true });
  });
  it('refuses other senders: none, another frame, a subframe at the same URL, a navigated page', () => {
    for (const frame of [null, undefined, { url: 'app://worksbook/index.html' }, { url: 'https://evil.example/' }]) {
      expect(guard.check(frame, 'participants.page', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    const navigated = { url: 'https://evil.example/' };
    const g2 = createIpcGuard({ mainFrame: () => navigated, isAppUrl });
    expect(g2.check(navigated, 'participants.page', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const g3 = createIpcGuard({ mainFrame: () => null, isAppUrl });
    expect(g3.check(main, 'participants.page', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
  it('refuses unknown channels and payloads that are not plain data', () => {
    expect(guard.check(main, 'fs.readFile', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(guard.check(main, '__proto__', {})).toMatchObject({ ok: false });
    for (const bad of [
      new Map(),
      new Date(),
      () => 1,
      Symbol('x'),
      10n,
      { a: new Set() },
      JSON.parse('{"__proto__": {"x": 1}}'),
    ]) {
      expect(guard.check(main, 'participants.page', bad), String(typeof bad)).toMatchObject({
        ok: false,
        error: { kind: 'validation' },
      });
    }
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { deep };
    expect(isPlainPayload(deep)).toBe(false);
  });
  it('never throws on any value (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
          withBigInt: true,
          withNullPrototype: true,
        }),
        fc.string(),
        (input, channel) => {
          const r = guard.check(main, channel, input);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('electronegativity', () => {
  it('finds nothing HIGH in electron/', async () => {
    const require = createRequire(import.meta.url);
    // The scanner's TypeScript parser needs its own TypeScript 4 (the project's TypeScript 7 has
    // a different API), so point its `require('typescript')` there.
    const ownTs = require.resolve('@doyensec/electronegativity/node_modules/typescript');
    const m = Module as unknown as {
      _resolveFilename: (req: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
    };
    const original = m._resolveFilename;
    m._resolveFilename = function (request, parent, ...rest) {
      if (request === 'typescript' && parent?.filename?.includes('@typescript-eslint')) return ownTs;
      return original.call(this, request, parent, ...rest);
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worksbook-en-'));
    try {
      for (const f of fs.readdirSync('electron')) fs.copyFileSync(path.join('electron', f), path.join(dir, f));
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ name: 'worksbook-electron', devDependencies: { electron: '45.4.1' } }),
      );
      const run = require('@doyensec/electronegativity') as (o: object) => Promise<{
        issues: Array<{ id: string; file: string; severity: { name: string }; location: { line: number } }>;
        errors: Array<{ file: string; message: string }>;
      }>;
      const result = await run({
        input: dir,
        isRelative: true,
        customScan: [],
        excludeFromScan: [],
        parserPlugins: [],
        electronVersionOverride: '45.4.1',
      });
      expect(result.errors).toEqual([]);
      // It did look: the constructor and the open-external handler are always reported on.
      expect(result.issues.length).toBeGreaterThan(0);
      const high = result.issues
        .filter((i) => i.severity.name === 'HIGH')
        .map((i) => `${i.id} ${i.file}:${i.location.line}`);
      expect(high).toEqual([]);
    } finally {
      m._resolveFilename = original;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
