// insertMany (db/store/insert-many.ts) reuses one compiled statement for every full chunk of the
// same columns: on either store the rows it writes and the ids it returns are Kysely's own, and a
// chunk whose rows carry other keys, or a missing value (Kysely writes the column's default),
// is compiled afresh rather than given another chunk's statement.
import { expect, it } from 'vitest';
import { writeTransaction } from '../../db/store/dialect';
import { insertMany } from '../../db/store/insert-many';
import { createTestBackend } from '../support/backend';
import { participantValues } from '../support/builders';
import type { NewParticipant } from '../../db/store/tables/participants.tables';

it('writes every row of every chunk as Kysely would, and returns their ids in order', async () => {
  const t = await createTestBackend();
  try {
    const rows: NewParticipant[] = Array.from({ length: 33 }, (_, i) => {
      const { preferred_name: _none, ...values } = participantValues({
        reference: `SW-M${String(i).padStart(5, '0')}`,
        postcode: `SG1 ${i}AA`,
      });
      return { ...values, status: 'left' as const };
    });
    // Row 9 leaves town out and row 17's postcode is undefined (Kysely writes the column's default
    // there, or null on SQLite, not a value); row 14 has a preferred name where no other row has
    // the column.
    const { town: _town, ...withoutTown } = rows[9]!;
    rows[9] = withoutTown;
    rows[14] = { ...rows[14]!, preferred_name: 'Sam' };
    rows[17] = { ...rows[17]!, postcode: undefined };
    const statements: number[] = [];
    const inserted = await writeTransaction(t.backend.store.db).execute((tx) =>
      insertMany(tx, rows, 5, (chunk) => {
        statements.push(chunk.length);
        return tx.insertInto('participants').values(chunk).returning(['id', 'reference']);
      }),
    );
    expect(inserted.map((r) => r.reference)).toEqual(rows.map((r) => r.reference));
    const stored = await t.backend.store.db
      .selectFrom('participants')
      .select(['id', 'reference', 'town', 'preferred_name', 'postcode', 'last_name'])
      .where('reference', 'like', 'SW-M%')
      .orderBy('reference')
      .execute();
    expect(stored.map((r) => r.id)).toEqual(inserted.map((r) => r.id));
    expect(stored.map((r) => r.last_name)).toEqual(rows.map((r) => r.last_name));
    expect(stored.filter((r) => r.town === null).map((r) => r.reference)).toEqual(['SW-M00009']);
    expect(stored.filter((r) => r.preferred_name !== null).map((r) => r.reference)).toEqual(['SW-M00014']);
    expect(stored[17]!.postcode).toBeNull();
    expect(stored[3]!.postcode).toBe('SG1 3AA');
    // Seven chunks of 5, 5, 5, 5, 5, 5 and 3 rows: the first compiled, those holding rows 9, 14
    // and 17 compiled afresh, the last compiled for its size; the other two reused the first's.
    expect(statements).toEqual([5, 5, 5, 5, 3]);
  } finally {
    await t.close();
  }
});
