// The CLI's participants commands against a real store file: search (text and JSON) and show.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestBackend } from '../support/backend';
import { runCli } from '../../db/cli/main';

describe('participants CLI', () => {
  it('searches and shows by reference', async () => {
    const t = await createTestBackend();
    await t.ok('participants.create', {
      record: {
        firstName: 'Nadia',
        lastName: 'Okafor',
        dateOfBirth: '3/4/1991',
        niStatus: 'known',
        niNumber: 'JK 11 22 33 B',
        postcode: 'SG2 7AA',
      },
    });
    const file = t.file;
    await t.backend.close();
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    expect(await runCli(['participants', 'search', 'okaf', '--db', file, '--plaintext'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/1 found\nSW-000001 {2}Okafor, Nadia/);
    out.length = 0;
    expect(await runCli(['participants', 'search', '1122', '--json', '--db', file, '--plaintext'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      total: 1,
      rows: [{ reference: 'SW-000001', niNumber: 'JK112233B' }],
    });
    out.length = 0;
    expect(await runCli(['participants', 'show', 'sw-000001', '--db', file, '--plaintext'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Eligibility: Pending evidence/);
    out.length = 0;
    expect(await runCli(['participants', 'show', 'SW-999999', '--db', file, '--plaintext'], io)).toBe(1);
    expect(await runCli(['participants', 'oops', '--db', file, '--plaintext'], io)).toBe(2);
    // On the PostgreSQL run `file` is a postgres:// address: used as a connection, never as a
    // path (which once made a folder named "postgres:" here), and its password never printed.
    expect(fs.existsSync('postgres:')).toBe(false);
    expect(out.join('\n')).not.toMatch(/test-server-only-password/);
  });
});
