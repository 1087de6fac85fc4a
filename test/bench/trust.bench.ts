// Trust: what encryption costs (bulk insert and a read workload, encrypted against plaintext on
// the same rows; target at most 1.25x), encrypting an existing store in place, and how long a
// checked backup and a restore take, with the backend's memory.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Backend } from '../../db/backend/backend';
import { listBackupFiles } from '../../db/store/sqlite/backup-file';
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
      await kit.measure('audit chain verify, encrypted', size, () => enc.backend.call('bench', 'audit.verify', {}), {
        runs: 3,
      });
      await kit.measure(
        'subject access bundle for one person',
        size,
        () => enc.backend.call('bench', 'sar.export', { reference: 'SW-000001' }),
        { runs: 3 },
      );
      kit.record(
        'backend peak RSS after the suite',
        size,
        [0],
        `${Math.round(process.resourceUsage().maxRSS / 1024)} MB peak`,
      );
      await plain.backend.close();
      await enc.backend.close();
    }
  },
};
