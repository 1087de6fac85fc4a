// Close matches in the quick search (issue 20): how each first name and surname sounds (Double
// Metaphone's primary code: "Nowak" and "Nowack" → "NK"), stored beside the name and indexed, so
// "Nowack" finds Nowak among 100,000 people by an index seek. The app writes both columns with
// the names (db/features/participants/name-sounds.ts); this fills them for the people already
// stored. The key is worked out here as the app worked it out when this shipped (frozen in time).
import { doubleMetaphone } from 'double-metaphone';
import type { MigrationDb } from './migration-db';

function sound(name: string | null): string | null {
  const key = (name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return key ? doubleMetaphone(key)[0] || null : null;
}

const CHUNK = 2_000;

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('participants').addColumn('first_name_sound', 'text').execute();
  await db.schema.alterTable('participants').addColumn('last_name_sound', 'text').execute();
  for (let after = 0; ;) {
    const rows: Array<{ id: number; first_name: string; last_name: string }> = await db
      .selectFrom('participants')
      .select(['id', 'first_name', 'last_name'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (!rows.length) break;
    for (const r of rows) {
      await db
        .updateTable('participants')
        .set({ first_name_sound: sound(r.first_name), last_name_sound: sound(r.last_name) })
        .where('id', '=', r.id)
        .execute();
    }
    after = rows.at(-1)!.id;
  }
  await db.schema.createIndex('participants_last_name_sound').on('participants').column('last_name_sound').execute();
  await db.schema.createIndex('participants_first_name_sound').on('participants').column('first_name_sound').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
