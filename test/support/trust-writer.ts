// A child process for durability tests: opens the store through the real backend and makes
// saves (a participant and its audit entry, one transaction each), printing "ACK <reference>"
// only after each commit returns. Tests kill it with SIGKILL at random moments and then check
// that every acknowledged save is there. (It owns the store while it runs: see store-lock.)
// Usage: tsx test/support/trust-writer.ts <file> <keyHex or -> <count> [prefix]
import { createBackend } from '../../db/backend/backend';
import { setLogSink } from '../../db/backend/log';
import { appendAudit } from '../../db/features/audit/audit.repository';
import { participantValues } from './builders';

const [file, keyHex, countText, prefix = 'KILL'] = process.argv.slice(2);
setLogSink(() => {});
const backend = await createBackend({
  file: file!,
  key: keyHex && keyHex !== '-' ? { kind: 'raw', bytes: Buffer.from(keyHex, 'hex') } : null,
});
process.stdout.write('READY\n');
const count = Number(countText);
for (let i = 0; i < count; i++) {
  const reference = `${prefix}-${process.pid}-${i}`;
  await backend.store.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('participants')
      .values(participantValues({ reference, last_name: `Durable${i}` }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, new Date().toISOString(), null, {
      action: 'create',
      entity: 'participant',
      entityId: row.id,
      participantId: row.id,
      summary: `Participant ${reference} created`,
    });
  });
  process.stdout.write(`ACK ${reference}\n`);
}
await backend.close();
process.stdout.write('DONE\n');
