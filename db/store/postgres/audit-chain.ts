// PostgreSQL-only: the team database keeps the audit chain keyed. A data file chains its entries with
// HMAC-SHA256 under the audit key in its key envelope (db/features/audit/audit.repository.ts); on a
// team database there is no envelope, and the staff logins that append entries must not hold a key
// that would let them recompute the chain. So, from the copy of a data file (`cli team migrate`) on:
// - the server keeps the keys in a table only its owner writes and only the owner and the
//   administrators' role read (worksbook_audit_chain_keys): the data file's audit key, for the
//   entries copied from it, and a key of the team database's own, made at the copy, for every entry
//   after it. Each key row says from which entry on it chains (an epoch, as audit_epochs records);
// - a trigger run with the owner's rights chains every new entry, whoever inserts it and with
//   whatever program, one at a time (the app's write lock): it sets the entry's prev_hash to the last entry's hash and its hash to
//   HMAC-SHA256 under the newest key of the same canonical text the app hashes (JSON of the fields,
//   audit.repository.ts#canonicalEntry). A login cannot write a hash of its choosing, and nobody
//   but the owner can change or delete an entry (team-roles.ts), so the log stays insert-only
//   for everyone but the owner and `audit.verify` checks the whole chain across the copy.
// HMAC is built from PostgreSQL's own sha256() (no extension): with the key's inner and outer pads
// kept beside it, HMAC(k, m) = sha256(outer ‖ sha256(inner ‖ m)) (RFC 2104, 64-byte blocks).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { TEAM_ROLES } from './team-roles';
import { WRITE_LOCK_KEY } from './pg-dialect';
import { AUDIT_HASHED_FIELDS } from '../tables/foundation.tables';

const KEYS = 'worksbook_audit_chain_keys';
const CHAIN = 'worksbook_audit_chain';
const BLOCK = 64;

/** RFC 2104's padded keys: the key (at most a block), zero-filled to 64 bytes, XOR 0x36 and 0x5c. */
function pads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(BLOCK);
  key.copy(block);
  return { inner: Buffer.from(block.map((b) => b ^ 0x36)), outer: Buffer.from(block.map((b) => b ^ 0x5c)) };
}

/** The JSON text of one field as JSON.stringify writes it: to_json's escapes are the same. */
const field = (column: string) => `coalesce(to_json(new.${column})::text, 'null')`;
const CANONICAL = `'[' || ${AUDIT_HASHED_FIELDS.map(field).join(" || ',' || ")} || ']'`;

/** The keys table, the chaining trigger and the administrators' read grant (safe to repeat). */
function chainStatements() {
  return [
    sql.raw(`create table if not exists ${KEYS} (
      first_entry_id integer primary key,
      key bytea not null,
      inner_pad bytea not null,
      outer_pad bytea not null,
      origin text not null,
      created_at text not null)`),
    sql.raw(`revoke all on ${KEYS} from public`),
    sql.raw(`create or replace function ${CHAIN}() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare k record;
      begin
        select first_entry_id, inner_pad, outer_pad into k from ${KEYS} order by first_entry_id desc limit 1;
        if not found or new.id < k.first_entry_id then return new; end if;
        -- Entries chain one after another: an insert from outside the app (which holds this lock for
        -- every write already) waits its turn rather than forking the chain.
        perform pg_advisory_xact_lock(${WRITE_LOCK_KEY});
        new.prev_hash := coalesce((select hash from audit_log order by id desc limit 1), repeat('0', 64));
        new.hash := encode(sha256(k.outer_pad || sha256(k.inner_pad
          || convert_to(new.prev_hash || E'\\n' || ${CANONICAL}, 'UTF8'))), 'hex');
        return new;
      end $$`),
    sql.raw(`drop trigger if exists audit_log_chain on audit_log`),
    sql.raw(`create trigger audit_log_chain before insert on audit_log for each row execute function ${CHAIN}()`),
    ...auditChainGrantStatements(),
  ];
}

/** The administrators' role reads the keys (to verify the chain), when both exist; run again after
 * the roles' grants are set from nothing (team-roles.ts). */
export function auditChainGrantStatements() {
  return [
    sql.raw(`do $$ begin
      if to_regclass('${KEYS}') is not null
         and exists (select 1 from pg_roles where rolname = '${TEAM_ROLES.administrator}') then
        grant select on ${KEYS} to ${TEAM_ROLES.administrator};
      end if;
    end $$`),
  ];
}

/** At the end of a copy, in its transaction (the owner's): keeps the data file's audit key for the
 * entries chained with it, makes the team database's own key, and appends the entry where it takes
 * over, recorded as an epoch. Returns that entry's id. */
export async function startServerAuditChain(
  tx: Kysely<Database>,
  options: { fileKey: Buffer | null; fileKeyedFrom: number | null; at: string; startedEmpty?: boolean },
): Promise<number> {
  for (const statement of chainStatements()) await statement.execute(tx);
  const keyRow = (firstEntryId: number, key: Buffer, origin: string) => {
    const { inner, outer } = pads(key);
    return sql`insert into ${sql.table(KEYS)} (first_entry_id, key, inner_pad, outer_pad, origin, created_at)
      values (${firstEntryId}, ${key}, ${inner}, ${outer}, ${origin}, ${options.at})`.execute(tx);
  };
  if (options.fileKey && options.fileKeyedFrom !== null)
    await keyRow(options.fileKeyedFrom, options.fileKey, "the data file's audit key, for the entries copied from it");
  const last = await tx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const id = Number(last?.id ?? 0) + 1;
  await keyRow(
    id,
    randomBytes(32),
    options.startedEmpty
      ? "the team database's own key, from its start"
      : "the team database's own key, from the copy on",
  );
  // Its hashes are the trigger's; the values given here are replaced.
  await tx
    .insertInto('audit_log')
    .values({
      id,
      at: options.at,
      staff_id: null,
      action: 'audit-keyed',
      entity: 'audit_log',
      entity_id: null,
      participant_id: null,
      summary:
        (options.startedEmpty ? 'Team database started' : 'Copied into this team database') +
        ': from this entry on each entry is chained by the database with its own ' +
        'audit key, which only its owner and administrators can read',
      before_json: null,
      after_json: null,
      prev_hash: '',
      hash: '',
    })
    .execute();
  await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), ${id})`.execute(tx);
  await tx
    .insertInto('audit_epochs')
    .values({
      first_entry_id: id,
      chain: 'hmac-sha256',
      reason: 'team-database',
      note: `entries from ${id} on are chained with the team database's own audit key`,
      created_at: options.at,
    })
    .execute();
  return id;
}

/** Whether this connection may set the chain up: its login owns the audit log (directly or through
 * a role) and may create in the schema, as the database's owner does. A staff login may not. */
export async function mayKeyAuditChain(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ may: boolean }>`select pg_has_role(current_user, c.relowner, 'USAGE')
      and has_schema_privilege(c.relnamespace, 'CREATE') as may
    from pg_class as c where c.oid = to_regclass('audit_log')`.execute(db);
  return !!rows[0]?.may; // 1 or 0: booleans are read as SQLite gives them (pg-dialect.ts)
}

/** The keys the chain was made with, oldest epoch first: null when the server keeps none (a data
 * file's copy from before this, a team database started empty before this), 'refused' for a login that may not
 * read them (not the owner's, not an administrator's). */
export async function serverChainKeys(
  db: Kysely<Database>,
): Promise<Array<{ firstEntryId: number; key: Buffer }> | null | 'refused'> {
  const found = await sql<{ found: boolean }>`select to_regclass(${KEYS}) is not null as found`.execute(db);
  if (!found.rows[0]?.found) return null;
  try {
    const { rows } = await sql<{ first_entry_id: number; key: Buffer }>`
      select first_entry_id, key from ${sql.table(KEYS)} order by first_entry_id`.execute(db);
    return rows.length ? rows.map((r) => ({ firstEntryId: Number(r.first_entry_id), key: Buffer.from(r.key) })) : null;
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return 'refused';
    throw error;
  }
}
