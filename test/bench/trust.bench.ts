// Trust: what encryption costs (bulk insert and a read workload, encrypted against plaintext on
// the same rows; target at most 1.25x), encrypting an existing store in place, how long a
// checked backup and a restore take, and verifying the whole audit chain at a realistic length.
// (One backend's memory is the memory suite's.)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Backend } from '../../db/backend/backend';
import { listBackupFiles } from '../../db/store/sqlite/backup-file';
import { auditRow, chainHash } from '../../db/features/audit/audit.repository';
import { auditKeyOf } from '../../db/store/store-secrets';
import { exportToEnd } from '../../db/features/export/export-job';
import { participantValues } from '../support/builders';
import type { BenchKit, BenchSuite } from './bench-kit';

const KEY = { kind: 'passphrase' as const, text: 'bench pass phrase for worksbook' };

async function openPair(kit: BenchKit, size: number) {
  const plain = await kit.store(size);
  const t0 = performance.now();
  const enc = await kit.store(size, { key: KEY });
  const upgradeMs = performance.now() - t0;
  // One backups folder per store, as in real use (one store per data folder).
  plain.backend.services.backupDir = path.join(kit.workDir, `backups-${size}-plain`);
  enc.backend.services.backupDir = path.join(kit.workDir, `backups-${size}-encrypted`);
  return { plain: plain.backend, enc: enc.backend, upgradeMs };
}

async function insertBatch(backend: Backend, label: string, rows: number): Promise<number> {
  const values = Array.from({ length: rows }, (_, i) =>
    participantValues({ reference: `${label}-${i}`, last_name: `Benchmark${i}` }),
  );
  const start = performance.now();
  await backend.store.db.transaction().execute(async (tx) => {
    for (let i = 0; i < values.length; i += 500)
      await tx
        .insertInto('participants')
        .values(values.slice(i, i + 500))
        .execute();
  });
  return performance.now() - start;
}

/** Audit entries per participant for the chain-verify row: a store that has served this many
 * people holds years of changes, views of special-category data, imports and sign-ins; the demo
 * data writes hardly any, so without these the row would time a chain of a few entries. */
const AUDIT_ENTRIES_PER_PARTICIPANT = 10;

/** Appends `count` synthetic entries to the audit chain (each hashed onto the one before, as
 * appendAudit does), with the shape of real ones: a person, a summary, before/after values. */
function extendAuditChain(backend: Backend, count: number, participants: number): void {
  const sqlite = backend.store.sqlite;
  // An encrypted store chains with its audit key (HMAC), as appendAudit does: entries hashed
  // plainly would break the chain at the first one, and the verify row would time a failure.
  const auditKey = auditKeyOf(backend.store.db);
  const last = sqlite.prepare('select hash from audit_log order by id desc limit 1').get() as
    { hash: string } | undefined;
  let prev = last?.hash ?? '0'.repeat(64);
  const insert = sqlite.prepare(
    `insert into audit_log (at, staff_id, action, entity, entity_id, participant_id, summary, before_json, after_json, prev_hash, hash)
     values (@at, @staff_id, @action, @entity, @entity_id, @participant_id, @summary, @before_json, @after_json, @prev_hash, @hash)`,
  );
  const start = Date.parse('2024-04-01T09:00:00Z');
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const participantId = 1 + (i % participants);
      const row = auditRow(
        new Date(start + i * 60_000).toISOString(),
        1,
        {
          action: i % 4 === 0 ? 'view' : 'update',
          entity: 'participant',
          entityId: participantId,
          participantId,
          summary: `Updated contact details of SW-${String(participantId).padStart(6, '0')}`,
          before: { phone: '07700 900123', postcode: 'SG1 1AA' },
          after: { phone: '07700 900456', postcode: 'SG2 7AA' },
        },
        null,
      );
      const hash = chainHash(auditKey, prev, row);
      insert.run({ ...row, prev_hash: prev, hash });
      prev = hash;
    }
  })();
}

export const suite: BenchSuite = {
  name: 'trust',
  async run(kit) {
    for (const size of kit.sizes) {
      const rows = Math.min(size, 5_000);
      const { plain: plainBackend, enc: encBackend, upgradeMs } = await openPair(kit, size);
      kit.record(
        'encrypt existing store in place (upgrade)',
        size,
        [upgradeMs],
        'open with a key: copy, rekey, integrity_check',
      );
      // Alternate plaintext and encrypted runs so both see the same machine load.
      const p: number[] = [];
      const e: number[] = [];
      for (let run = 0; run < 5; run++) {
        p.push(await insertBatch(plainBackend, `P${run}`, rows));
        e.push(await insertBatch(encBackend, `E${run}`, rows));
      }
      const pi = kit.record(`insert ${rows} participants in one transaction, plaintext`, size, p);
      const ei = kit.record(`insert ${rows} participants in one transaction, encrypted`, size, e);
      // Medians swing on a shared machine; the ratio of the fastest runs is the steadier figure.
      ei.note = `ratio median ${(ei.medianMs / pi.medianMs).toFixed(2)}x, fastest ${(ei.minMs / pi.minMs).toFixed(2)}x`;
      const plain = { backend: plainBackend };
      const enc = { backend: encBackend };

      // A representative read workload: grid pages with search and sort, and counts.
      const reads = async (b: typeof plain.backend) => {
        const call = (input: unknown) => b.call('bench', 'participants.page', input);
        for (const search of ['', 'smith', 'SG1', 'SW-0001', '07700']) {
          for (const sort of [[], [{ colId: 'lastName', sort: 'asc' }]])
            await call({ offset: 0, limit: 100, search, sort });
        }
        await call({ offset: Math.floor(size / 2), limit: 100 });
        await b.call('bench', 'app.info', {});
      };
      const rp: number[] = [];
      const re: number[] = [];
      await reads(plain.backend);
      await reads(enc.backend);
      for (let run = 0; run < 7; run++) {
        let t = performance.now();
        await reads(plain.backend);
        rp.push(performance.now() - t);
        t = performance.now();
        await reads(enc.backend);
        re.push(performance.now() - t);
      }
      const pr = kit.record('read workload (12 grid queries), plaintext', size, rp);
      const er = kit.record('read workload (12 grid queries), encrypted', size, re);
      er.note = `ratio median ${(er.medianMs / pr.medianMs).toFixed(2)}x, fastest ${(er.minMs / pr.minMs).toFixed(2)}x`;

      const backup = await kit.measure(
        'backup (VACUUM INTO + integrity_check + rotate), encrypted',
        size,
        () => enc.backend.call('bench', 'backup.create', {}),
        { runs: 3, warmup: false },
      );
      const newest = listBackupFiles(enc.backend.services.backupDir)[0]!;
      const name = newest.name;
      backup.note = `${(newest.bytes / 1e6).toFixed(1)} MB file`;
      await kit.measure(
        'restore (check, safety backup, replace, reopen), encrypted',
        size,
        async () => {
          const admin = enc.backend.client('bench').session;
          await enc.backend.call('bench', 'backup.restore', { name, confirm: true });
          enc.backend.client('bench').session = admin; // restoring signs everyone out
        },
        { runs: 2, warmup: false },
      );
      await kit.measure(
        'subject access bundle for one person (sar.export), encrypted',
        size,
        // As the window runs it: the export's job to its end, then its file collected.
        async () => {
          const r = await exportToEnd(enc.backend, 'bench', 'sar.export', { reference: 'SW-000001' });
          if (!r.ok) throw new Error(`subject access bundle not made: ${r.error.message}`);
        },
        { runs: 3 },
      );
      // Last: the synthetic entries would otherwise change what the rows above measure.
      const synthetic = size * AUDIT_ENTRIES_PER_PARTICIPANT;
      extendAuditChain(enc.backend, synthetic, size);
      let verified = { ok: false, checked: 0 };
      const verify = await kit.measure(
        'audit chain verify: the whole chain, every hash recomputed (audit.verify), encrypted',
        size,
        async () => {
          const r = await enc.backend.call('bench', 'audit.verify', {});
          if (!r.ok || !r.value.ok) throw new Error(`audit chain not verified: ${JSON.stringify(r)}`);
          verified = r.value;
        },
        { runs: 3 },
      );
      const perEntry = ((verify.medianMs * 1000) / verified.checked).toFixed(1);
      verify.note =
        `${verified.checked.toLocaleString('en-GB')} entries checked (${synthetic.toLocaleString('en-GB')} synthetic, ` +
        `${AUDIT_ENTRIES_PER_PARTICIPANT} per participant), ${perEntry} µs per entry`;
      await plain.backend.close();
      await enc.backend.close();
    }
  },
};
