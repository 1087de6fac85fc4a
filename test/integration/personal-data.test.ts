// The personal-data registry against a freshly migrated store (read with Kysely's introspection, so
// the check is the same for any SQL dialect): every table and every column is classified, and no
// entry names a table or column that is not there. The type check already refuses a table or
// column of `Database` left out or misspelt; this catches the store and the types disagreeing.
import { isServerSettingsTable } from '../../db/store/postgres/team-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableMetadata } from 'kysely';
import { createTestBackend, type TestBackend } from '../support/backend';
import { viewerReads } from '../../db/store/tables/readable-columns';
import {
  columnRules,
  participantTables,
  personalData,
  storeDerivedColumns,
  storeIndexes,
  type TableEntry,
  type TableName,
} from '../../db/store/tables/personal-data';
import { fieldColumns } from '../../db/features/participants/participant-mapping';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
let tables: TableMetadata[];
beforeAll(async () => {
  t = await createTestBackend();
  tables = await t.backend.store.db.introspection.getTables();
});
afterAll(() => t.close());

const registry: Record<string, TableEntry<string>> = personalData;
const columnsOf = (table: string) => tables.find((x) => x.name === table)?.columns ?? [];
const classified = (entry: TableEntry<string>) =>
  entry.about === 'participant' ? Object.keys(entry.columns) : [...entry.personal, ...entry.notPersonal];
/** Columns a team database's server works out from others (its folded search texts). */
const derived = (table: string): string[] =>
  Object.keys((storeDerivedColumns as Record<string, Record<string, unknown>>)[table] ?? {});
/** A table the dialect keeps beside the schema (SQLite's full-text index and its shadow tables). */
const isStoreIndex = (name: string) =>
  Object.keys(storeIndexes).some((index) => name === index || name.startsWith(`${index}_`));

describe('the personal-data registry', () => {
  it('lists every table of the store, and only those', () => {
    const names = tables.map((x) => x.name);
    expect(names.length).toBeGreaterThan(30);
    expect(
      // A team database's own settings (worksbook_*: organisation scopes, the audit chain's keys).
      names.filter((n) => !(n in registry) && !isStoreIndex(n) && !isServerSettingsTable(n)),
      'tables not in the registry',
    ).toEqual([]);
    expect(
      Object.keys(registry).filter((n) => !names.includes(n)),
      'registry tables not in the store',
    ).toEqual([]);
    // The SQLite store's search index is a table of its own; a team database indexes the people
    // table itself (pg_trgm), so it has none.
    if (!isPostgresRun) for (const index of Object.keys(storeIndexes)) expect(names).toContain(index);
  });

  it('classifies every column of every table, once, and names no column that is not there', () => {
    const unclassified: string[] = [];
    const missing: string[] = [];
    for (const [table, entry] of Object.entries(registry)) {
      // A team database's derived columns are classified by what they are made of (below).
      const columns = columnsOf(table)
        .map((c) => c.name)
        .filter((c) => !derived(table).includes(c));
      const listed = classified(entry);
      unclassified.push(...columns.filter((c) => !listed.includes(c)).map((c) => `${table}.${c}`));
      missing.push(...listed.filter((c) => !columns.includes(c)).map((c) => `${table}.${c}`));
      expect(new Set(listed).size, `${table} lists a column twice`).toBe(listed.length);
    }
    expect(unclassified, 'columns left unclassified').toEqual([]);
    expect(missing, 'registry columns not in the store').toEqual([]);
  });

  it("keeps a team database's derived columns there, made only of columns a viewer may read", () => {
    for (const [table, columns] of Object.entries(storeDerivedColumns)) {
      const present = columnsOf(table).map((c) => c.name);
      for (const [column, { from }] of Object.entries(columns)) {
        // The server works them out (PostgreSQL); a SQLite store's FTS5 index holds the same texts.
        expect(present.includes(column), `${table}.${column}`).toBe(isPostgresRun);
        for (const source of from) {
          const rule = columnRules(table as TableName)[source];
          expect(rule, `${table}.${column} from ${source}`).toBeDefined();
          expect(rule!.data === 'special' || rule!.data === 'criminal', `${table}.${column} from ${source}`).toBe(
            false,
          );
          expect(rule!.viewers, `${table}.${column} from ${source}`).toBe('see');
        }
        expect(viewerReads(table as TableName, column), `${table}.${column}`).toBe(true);
      }
    }
  });

  it('puts every table with a participant_id column among the tables about participants', () => {
    const withPid = tables.filter((x) => x.columns.some((c) => c.name === 'participant_id')).map((x) => x.name);
    expect(withPid.length).toBeGreaterThan(10);
    expect(withPid.filter((n) => registry[n]?.about !== 'participant')).toEqual([]);
  });

  it('gives every rule columns that exist and can hold what it writes', () => {
    const problems: string[] = [];
    const has = (table: string, column: string) => columnsOf(table).some((c) => c.name === column);
    for (const t of participantTables()) {
      const reach = t.reach;
      const reachColumns = 'any' in reach ? reach.any : 'through' in reach ? [reach.column] : [reach.by];
      for (const c of reachColumns) if (!has(t.table, c)) problems.push(`${t.table}: reach by ${c}`);
      if ('through' in reach) {
        const parent = registry[reach.through];
        if (parent?.about !== 'participant' || !('by' in parent.reach) || parent.reach.by !== 'participant_id')
          problems.push(`${t.table}: reached through ${reach.through}, which is not reached by participant_id`);
        if (!has(reach.through, reach.parentColumn))
          problems.push(`${t.table}: ${reach.through}.${reach.parentColumn}`);
        if (reach.parentLabel && !has(reach.through, reach.parentLabel))
          problems.push(`${t.table}: ${reach.through}.${reach.parentLabel}`);
      }
      const merge = t.merge;
      if ((merge.rows === 'move' || merge.rows === 'union') && !has(t.table, 'participant_id'))
        problems.push(`${t.table}: merged by participant_id, which it has not`);
      if (merge.rows === 'move' && !has(t.table, 'id')) problems.push(`${t.table}: moved rows need an id`);
      for (const c of merge.rows === 'move' ? (merge.uniqueWith ?? []) : merge.rows === 'union' ? [merge.column] : [])
        if (!has(t.table, c)) problems.push(`${t.table}: merge column ${c}`);
      if ((merge.rows === 'record') !== (t.table === 'participants')) problems.push(`${t.table}: merged as the record`);
      for (const [column, rule] of Object.entries(t.columns)) {
        const meta = columnsOf(t.table).find((c) => c.name === column);
        // Erasing writes null: the column must allow it (the rows of a table whose rows are deleted excepted).
        if (rule.retention === 'erase' && t.retention === 'columns' && meta && !meta.isNullable)
          problems.push(`${t.table}.${column}: erased but not nullable`);
        if (typeof rule.retention === 'object' && 'into' in rule.retention && !has(t.table, rule.retention.into))
          problems.push(`${t.table}.${column}: generalised into ${rule.retention.into}`);
        if ((rule.merge !== undefined) !== (t.table === 'participants'))
          problems.push(`${t.table}.${column}: a merge rule belongs to the record's columns only`);
        if (typeof rule.merge === 'object' && !has('participants', rule.merge.follows))
          problems.push(`${t.table}.${column}: follows ${rule.merge.follows}`);
        if ((rule.viewers === 'special-items') !== (rule.items !== undefined))
          problems.push(`${t.table}.${column}: special items need a reference list`);
        if ((rule.data === 'special' || rule.data === 'criminal') && rule.viewers !== 'withhold')
          problems.push(`${t.table}.${column}: special category shown to viewers`);
      }
    }
    for (const [table, entry] of Object.entries(registry))
      if (entry.about === 'mentions participants' && !entry.anonymise)
        problems.push(`${table}: mentions participants but anonymising does nothing to it`);
    expect(problems).toEqual([]);
  });

  it('lets the officer choose every field of the record when merging', () => {
    const record = personalData.participants.columns;
    for (const column of Object.values(fieldColumns)) {
      const merge = record[column].merge;
      expect(merge, column).not.toBe('survivor');
    }
  });

  it('finds each table of the store about a person', () => {
    const names = participantTables().map((x) => x.table);
    expect(names[0]).toBe('participants');
    const expected: TableName[] = ['attendance', 'evidence_files', 'participant_merges', 'not_duplicate_pairs'];
    expect(names).toEqual(expect.arrayContaining(expected));
  });
});
