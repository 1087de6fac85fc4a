// The packaged app's security settings: fuses flipped in electron-builder.yml, native module
// unpacked from the asar, per-user Windows install; and the window's hardening options and CSP.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isAllowedExternalUrl } from '../../electron/window-options';
import { contentSecurityPolicy } from '../../shared/csp';
import { electronFuses } from '../../electron/fuses';

const yml = fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');

/** Reads a simple `key: value` block of electron-builder.yml (no YAML library needed for this). */
function block(name: string): Record<string, string> {
  const lines = yml.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${name}:`));
  expect(start, `${name} section`).toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^\s{2}(\w+):\s*(.*)$/.exec(line);
    if (!m) break;
    out[m[1]!] = m[2]!.trim();
  }
  return out;
}

describe('packaging', () => {
  it('flips the security fuses', () => {
    expect(block('electronFuses')).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
    });
  });

  it('electron-builder.yml flips exactly the fuses electron/fuses.ts documents', () => {
    const fromYml = Object.fromEntries(Object.entries(block('electronFuses')).map(([k, v]) => [k, v === 'true']));
    expect(fromYml).toEqual(electronFuses);
  });

  it('unpacks the native SQLite module and does not try to rebuild it', () => {
    expect(yml).toMatch(/asarUnpack:\n\s+- node_modules\/better-sqlite3-multiple-ciphers\/\*\*/);
    expect(yml).toMatch(/^npmRebuild: false$/m);
  });

  it('installs per user on Windows without administrator rights', () => {
    expect(block('nsis')).toMatchObject({ perMachine: 'false', allowElevation: 'false' });
  });
});

// The window's webPreferences are asserted in trust-hardening.test.ts.
describe('the window', () => {
  it('loads only its own pages and opens only allow-listed https links', () => {
    expect(isAppUrl('app://worksbook/index.html')).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://www.gov.uk/guidance')).toBe(true);
    expect(isAllowedExternalUrl('http://www.gov.uk/')).toBe(false);
    expect(isAllowedExternalUrl('https://www.gov.uk.evil.example/')).toBe(false);
  });

  it('has a strict CSP: scripts from the app only, no eval, nothing remote', () => {
    const csp = contentSecurityPolicy({ connectSelf: false });
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("object-src 'none'");
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toContain('unsafe-eval');
  });
});
