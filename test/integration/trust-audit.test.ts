// The audit log: the hash chain detects an altered or removed row, the screen's filters work,
// the export is a real workbook (read back by openpyxl) and is itself audited, and personal data
// in entries about a person is sealed with that person's key.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { dropTrigger, sqlRun } from '../support/store-sql';
import { aParticipant } from '../support/builders';
import { appendAudit } from '../../db/features/audit/audit.repository';
import { verifyAuditChain } from '../../db/features/trust/audit-verify';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(() => t.close());

async function personWithHistory(): Promise<number> {
  const db = t.backend.store.db;
  const id = await aParticipant(db, { first_name: 'Quintessa', last_name: 'Marlowe-Audit', reference: 'SW-AUD001' });
  await db.transaction().execute((tx) =>
    appendAudit(tx, '2026-03-01T09:00:00.000Z', t.staffId, {
      action: 'update',
      entity: 'participant',
      entityId: id,
      participantId: id,
      summary: 'Quintessa Marlowe-Audit phone changed',
      before: { phone: '07700 900001' },
      after: { phone: '07700 900002' },
    }),
  );
  await db.transaction().execute((tx) =>
    appendAudit(tx, '2026-03-02T09:00:00.000Z', t.staffId, {
      action: 'view',
      entity: 'participant',
      entityId: id,
      participantId: id,
      summary: 'Equality monitoring viewed',
    }),
  );
  return id;
}

describe('hash chain', () => {
  it('verifies an untouched log, then finds the exact row someone altered behind the triggers', async () => {
    await personWithHistory();
    const ok = await t.ok('audit.verify', {});
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(2);
    // The trigger refuses edits through SQL...
    const db = t.backend.store.db;
    await expect(sqlRun(db, "update audit_log set summary = 'x' where id = 2")).rejects.toThrow(/append-only/);
    await expect(sqlRun(db, 'delete from audit_log where id = 2')).rejects.toThrow(/append-only/);
    // ...so an attacker drops it first. The chain still gives them away.
    await dropTrigger(db, 'audit_log_no_update', 'audit_log');
    await sqlRun(db, "update audit_log set action = 'view' where id = 2");
    const broken = await verifyAuditChain(t.backend.store.db);
    expect(broken).toMatchObject({ ok: false, firstBrokenId: 2 });
    const check = await t.ok('store.check', {});
    expect(check.audit.ok).toBe(false);
  });

  it('detects a deleted row', async () => {
    await personWithHistory();
    await dropTrigger(t.backend.store.db, 'audit_log_no_delete', 'audit_log');
    await sqlRun(t.backend.store.db, 'delete from audit_log where id = 2');
    expect(await verifyAuditChain(t.backend.store.db)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
});

describe('personal data in the log', () => {
  it('is sealed in the store and opened for the administrator reading it', async () => {
    await personWithHistory();
    const stored = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['summary', 'before_json'])
      .where('participant_id', 'is not', null)
      .execute();
    expect(JSON.stringify(stored)).not.toMatch(/Marlowe|07700/);
    const page = await t.ok('audit.page', { auditFilter: { participantReference: 'sw-aud001' } });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.summary)).toEqual([
      'Equality monitoring viewed',
      'Quintessa Marlowe-Audit phone changed',
    ]);
    expect(page.rows[1]!.before).toBe('{"phone":"07700 900001"}');
    expect(page.rows[1]!.participantReference).toBe('SW-AUD001');
  });
});

describe('audit screen data', () => {
  it('filters by who, action, entity and dates', async () => {
    await personWithHistory();
    const byAction = await t.ok('audit.page', { auditFilter: { action: 'view' } });
    expect(byAction.rows.every((r) => r.action === 'view')).toBe(true);
    const byDate = await t.ok('audit.page', { auditFilter: { from: '2026-03-02', to: '2026-03-02' } });
    expect(byDate.rows.map((r) => r.at.slice(0, 10))).toEqual(['2026-03-02']);
    const byWho = await t.ok('audit.page', { auditFilter: { staffId: t.staffId, entity: 'participant' } });
    expect(byWho.total).toBe(2);
    expect(byWho.rows[0]!.staffName).toBe('Test Administrator');
    const bad = await t.call('audit.page', { auditFilter: { from: '31/02/2026' } });
    expect(new Set(bad.ok ? [] : bad.error.fields?.map((f) => f.path.join('.')))).toEqual(
      new Set(['auditFilter.from']),
    );
  });

  it('exports a workbook that another reader opens, and records the export', async () => {
    await personWithHistory();
    const file = await t.exported('audit.export', { auditFilter: { entity: 'participant' } });
    expect(file.rows).toBe(2);
    const out = path.join(t.dir, 'audit.xlsx');
    fs.writeFileSync(out, file.bytes);
    const script =
      `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nws=wb.active\nfor r in ws.iter_rows(values_only=True): ` +
      `print('|'.join('' if v is None else str(v) for v in r))`;
    const text = execFileSync('/usr/bin/python3', ['-c', script, out], { encoding: 'utf8' });
    expect(text).toContain('Quintessa Marlowe-Audit phone changed');
    expect(text).toContain('SW-AUD001');
    const last = await t.ok('audit.page', { auditFilter: { action: 'export' } });
    expect(last.rows[0]!.summary).toMatch(/Audit log exported \(2 entries/);
  });
});
