// Subject access and anonymisation follow the personal-data registry, table by table and column by
// column: the bundle has a sheet for every table it says the bundle shows, with every value the
// person has there; anonymising does to each column what the registry says, and no erased value is
// left anywhere in the file.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aPersonEverywhere, EVIDENCE_BYTES, type PersonEverywhere } from '../support/person-everywhere';
import { personRows } from '../../db/features/trust/person-rows.repository';
import {
  anonymousReference,
  participantTable,
  participantTables,
  personalData,
  type TableName,
} from '../../db/store/tables/personal-data';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
let person: PersonEverywhere;
beforeEach(async () => {
  t = await createTestBackend(); // plaintext, so a grep of the file can see what remains
  person = await aPersonEverywhere(t);
});
afterEach(() => t.close());

const rowsOf = (table: TableName, ids: number[]) =>
  personRows(t.backend.store.db, table, ids, Object.keys(participantTable(table).columns));

describe('the personal-data registry', () => {
  it('has a row about the person in every table about participants (the fixture keeps up)', async () => {
    const empty: string[] = [];
    for (const { table } of participantTables()) if (!(await rowsOf(table, [person.id])).length) empty.push(table);
    expect(empty).toEqual([]);
  });

  it('subject access hands over every table the registry says, with every value, shown as it says', async () => {
    const found = await t.ok('sar.find', { reference: 'CNRY-PARTICIPANTS-REFERENCE' });
    const counts = new Map(found.areas.map((a) => [a.area, a.rows]));
    for (const { table, access } of participantTables()) {
      if (access === 'rows' || access === 'audit') expect(counts.get(table), table).toBeGreaterThan(0);
      else expect(counts.has(table), `${table} is left out`).toBe(false);
    }
    const file = await t.exported('sar.export', { reference: 'CNRY-PARTICIPANTS-REFERENCE' });
    const zip = unzipSync(file.bytes);
    const workbook = unzipSync(zip['data.xlsx']!);
    const text = Object.values(workbook)
      .map((b) => strFromU8(b))
      .join('\n');
    const missing = [...person.canaries]
      .filter(([where]) => !where.startsWith('import_batches.')) // mentions the person; not data about them
      .filter(([, canary]) => !text.includes(canary))
      .map(([where]) => where);
    expect(missing, 'values not in the bundle').toEqual([]);
    // A file column's content goes into the zip, named after the evidence item's file name.
    const files = Object.keys(zip).filter((f) => f.startsWith('files/'));
    expect(files).toEqual(['files/evidence_files-1-CNRY-EVIDENCE_ITEMS-FILE_NAME']);
    expect(Buffer.from(zip[files[0]!]!).equals(EVIDENCE_BYTES)).toBe(true);
    // Staff columns show the staff member's name; omitted columns are not there.
    expect(text).toContain('Test Administrator (#');
    expect(text).not.toMatch(/prev hash|>hash</);
  });

  // SQLite only: reads the SQLite file, its WAL and free pages for erased values; on a server, the server's storage is its administrator's.
  it.skipIf(isPostgresRun)(
    'anonymising does to each column what the registry says and leaves no erased value in the file',
    async () => {
      const before = new Map<string, Array<Record<string, unknown>>>();
      for (const { table } of participantTables()) before.set(table, await rowsOf(table, [person.id]));
      const done = await t.ok('retention.anonymise', { ids: [person.id], confirm: true });
      expect(done.anonymised).toBe(1);

      const problems: string[] = [];
      for (const entry of participantTables()) {
        const rows = await rowsOf(entry.table, [person.id]);
        if (entry.retention === 'delete-rows' || entry.retention === 'delete-when-unused') {
          if (rows.length) problems.push(`${entry.table}: rows left`);
          continue;
        }
        if (rows.length !== before.get(entry.table)!.length) problems.push(`${entry.table}: rows lost`);
        for (const [i, row] of rows.entries()) {
          const was = before.get(entry.table)![i]!;
          for (const [column, rule] of Object.entries(entry.columns)) {
            const r = rule.retention;
            const now = row[column];
            const ok =
              r === 'keep'
                ? JSON.stringify(now) === JSON.stringify(was[column]) ||
                  ['status', 'version', 'updated_at', 'age_band_at_start', 'postcode_district'].includes(column)
                : r === 'erase'
                  ? now === null
                  : r === 'anonymous-reference'
                    ? now === anonymousReference(person.id)
                    : 'replace' in r
                      ? now === r.replace
                      : r.generalise === 'month'
                        ? [
                            `${String(was[column]).slice(0, 7)}-01`,
                            `${String(was[column]).slice(0, 7)}-01T00:00:00.000Z`,
                          ].includes(String(now))
                        : r.generalise === 'small-groups'
                          ? now === was[column] || now === null
                          : // The coarser value may itself go where the group is small (the district).
                            now === null;
            if (!ok) problems.push(`${entry.table}.${column}: ${JSON.stringify(was[column])} → ${JSON.stringify(now)}`);
          }
        }
      }
      expect(problems).toEqual([]);
      const record = (await rowsOf('participants', [person.id]))[0]!;
      expect(record).toMatchObject({
        status: 'anonymised',
        age_band_at_start: '25-34',
        // The only anonymised person with their district, age band and equality answers: a group under 5.
        postcode_district: null,
        privacy_notice_date: '2019-03-01',
      });
      // What anonymising missed before the registry: a placement's supervisor (a name), the date the
      // privacy notice was given (to the day), an undone import's label of the person (their name).
      expect((await rowsOf('placements', [person.id]))[0]).toMatchObject({ supervisor: null, notes: null });
      const batch = await t.backend.store.db.selectFrom('import_batches').select('undo_kept_json').executeTakeFirst();
      expect(JSON.parse(batch!.undo_kept_json!)).toEqual([
        expect.objectContaining({ id: person.id, label: anonymousReference(person.id) }),
      ]);

      // No erased value anywhere in the file or its WAL (secure_delete overwrote them in place).
      t.backend.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const erased = [...person.canaries].filter(([where]) => {
        const [table, column] = where.split('.') as [keyof typeof personalData, string];
        const entry = personalData[table];
        if (entry.about !== 'participant') return true;
        const rule = (entry.columns as Record<string, { retention: unknown }>)[column]!;
        return rule.retention !== 'keep' || entry.retention !== 'columns' || table === 'audit_log';
      });
      expect(erased.length).toBeGreaterThan(20);
      for (const f of [t.file, `${t.file}-wal`]) {
        if (!fs.existsSync(f)) continue;
        const bytes = fs.readFileSync(f);
        for (const [where, canary] of [...erased, ['evidence_files.bytes', EVIDENCE_BYTES.toString('latin1')]]) {
          expect(bytes.includes(Buffer.from(canary!, 'utf8')), `${where} left in ${f}`).toBe(false);
          expect(bytes.includes(Buffer.from(canary!, 'utf16le')), `${where} (UTF-16) left in ${f}`).toBe(false);
        }
      }
    },
  );
});
