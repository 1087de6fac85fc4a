// PostgreSQL-only: organisation scope by row-level security. Staff of the three partners share
// one team database; an administrator decides per organisation which participants its staff
// see: everyone, or only the people it referred (a participant whose referral source, on the
// record or on any of their referrals, is the organisation's). A login is a member of at most
// one organisation; a login in no organisation (the programme's own staff) sees everyone, and a
// login whose organisation has no scope yet sees no one. PostgreSQL enforces it for every query
// of the three team roles (psql included); the database's owner is not held by it. The rows
// about a person in other tables (notes, outcomes, placements, enrolments, evidence, keyworker
// rows…) follow the person's visibility by the same rule; a few tables of the whole programme do
// not (WHOLE_PROGRAMME, with why).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { participantTables, type TableName } from '../tables/personal-data';
import { ROWS_POLICY, TEAM_ROLES } from './team-roles';

const SCOPES = 'worksbook_organisation_scopes';
const MEMBERS = 'worksbook_staff_organisations';
const SEES = 'worksbook_sees_participant';
const SEES_ID = 'worksbook_sees_participant_id';

/** Tables about participants whose rows are not held to the person's visibility, and why. */
const WHOLE_PROGRAMME: Partial<Record<TableName, string>> = {
  audit_log: 'one hash chain per database: every login appends after the last entry, whoever it is about',
  audit_keys: "sealing keys, read only with the entries they open; a person's key is made once",
  return_lines: "a submitted return's claims are the programme's, counted whole",
  funding_attributions: 'worked out across everyone by the attribution job',
  import_batch_rows: "an import's own record of what it did (undo needs every row)",
};

/** The child tables of participants and the condition that shows one of their rows: the row's
 * person is seen (or, for a table hanging off another, its parent row is seen). */
function scopedChildTables(): Array<{ name: TableName; visible: RawBuilder<boolean> }> {
  return participantTables().flatMap((table) => {
    if (table.table === 'participants' || WHOLE_PROGRAMME[table.table]) return [];
    const reach = table.reach;
    if ('by' in reach && reach.by === 'participant_id')
      return [{ name: table.table, visible: sql<boolean>`${sql.id(SEES_ID)}(participant_id)` }];
    if ('any' in reach)
      return [
        {
          name: table.table,
          visible: sql<boolean>`${sql.join(
            reach.any.map((c) => sql`${sql.id(SEES_ID)}(${sql.ref(c)})`),
            sql` and `,
          )}`,
        },
      ];
    // Hanging off another table by its id: seen when its parent row is (the parent's own policy).
    if ('through' in reach && reach.parentColumn === 'id')
      return [
        {
          name: table.table,
          visible: sql<boolean>`exists (select 1 from ${sql.table(reach.through)} parent
            where parent.id = ${sql.ref(reach.column)})`,
        },
      ];
    return [];
  });
}

/** Creates the scope tables, the check and the policy (once; safe to repeat). */
export async function enableOrganisationScopes(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((tx) => applyOrganisationScopes(tx));
}

/** The same, in the caller's transaction (after migrations, db/store/postgres/open-team-store.ts). */
export async function applyOrganisationScopes(tx: Kysely<Database>): Promise<void> {
  const roles = sql.join(Object.values(TEAM_ROLES).map((r) => sql.id(r)));
  await sql`create table if not exists ${sql.table(SCOPES)} (
    organisation_id integer primary key references organisations(id),
    sees text not null check (sees in ('all', 'referred')),
    referral_source text,
    check (sees = 'all' or referral_source is not null))`.execute(tx);
  await sql`create table if not exists ${sql.table(MEMBERS)} (
    login name primary key,
    organisation_id integer not null references organisations(id))`.execute(tx);
  // Runs as its owner (security definer), so the policy needs no grant on the tables it reads;
  // there current_user is the owner, so the login asking is session_user.
  await sql`create or replace function ${sql.id(SEES)}(p_id integer, p_source text) returns boolean
    language sql stable security definer set search_path = public as $$
      select not exists (select 1 from ${sql.table(MEMBERS)} m where m.login = session_user)
        or exists (
          select 1 from ${sql.table(MEMBERS)} m
          join ${sql.table(SCOPES)} s on s.organisation_id = m.organisation_id
          where m.login = session_user
            and (s.sees = 'all' or p_source = s.referral_source
              or exists (select 1 from participant_referrals r
                         where r.participant_id = p_id and r.referral_source = s.referral_source)))
    $$`.execute(tx);
  await sql`alter table participants enable row level security`.execute(tx);
  await sql`drop policy if exists organisation_scope on participants`.execute(tx);
  await sql`create policy organisation_scope on participants to ${roles}
    using (${sql.id(SEES)}(id, referral_source))`.execute(tx);
  // The rows about a person follow the person: seen (and written) only by those who see them.
  await sql`create or replace function ${sql.id(SEES_ID)}(p_id integer) returns boolean
    language sql stable security definer set search_path = public as $$
      select ${sql.id(SEES)}(p.id, p.referral_source) from participants p where p.id = p_id
    $$`.execute(tx);
  const existing = new Set(
    (
      await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema()`.execute(tx)
    ).rows.map((r) => r.name),
  );
  for (const table of scopedChildTables()) {
    if (!existing.has(table.name)) continue;
    const name = sql.table(table.name);
    await sql`alter table ${name} enable row level security`.execute(tx);
    await sql`drop policy if exists ${sql.id(ROWS_POLICY)} on ${name}`.execute(tx);
    await sql`create policy ${sql.id(ROWS_POLICY)} on ${name} to ${roles} using (${table.visible})`.execute(tx);
  }
  await sql`grant select on ${sql.table(SCOPES)}, ${sql.table(MEMBERS)} to ${roles}`.execute(tx);
  // Administrators change scopes from the app (Settings → Team database), audited there.
  await sql`grant insert, update on ${sql.table(SCOPES)} to ${sql.id(TEAM_ROLES.administrator)}`.execute(tx);
}

/** Whether organisation scopes have been set up on this database. */
export async function scopesEnabled(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select to_regclass(${SCOPES}) is not null as found`.execute(db);
  return !!rows[0]?.found;
}

/** Every organisation's scope as set (organisations without one are not listed). */
export async function organisationScopes(
  db: Kysely<Database>,
): Promise<Array<{ organisationId: number; sees: 'all' | 'referred'; referralSource: string | null }>> {
  const { rows } = await sql<{ organisation_id: number; sees: 'all' | 'referred'; referral_source: string | null }>`
    select organisation_id, sees, referral_source from ${sql.table(SCOPES)} order by organisation_id`.execute(db);
  return rows.map((r) => ({ organisationId: r.organisation_id, sees: r.sees, referralSource: r.referral_source }));
}

/** Sets what an organisation's staff see. */
export async function setOrganisationScope(
  db: Kysely<Database>,
  organisationId: number,
  scope: { sees: 'all' } | { sees: 'referred'; referralSource: string },
): Promise<void> {
  const source = scope.sees === 'referred' ? scope.referralSource : null;
  await sql`insert into ${sql.table(SCOPES)} (organisation_id, sees, referral_source)
    values (${organisationId}, ${scope.sees}, ${source})
    on conflict (organisation_id) do update set sees = excluded.sees, referral_source = excluded.referral_source`.execute(
    db,
  );
}

/** Makes a database login a member of an organisation (its scope then applies to them). */
export async function setLoginOrganisation(db: Kysely<Database>, login: string, organisationId: number): Promise<void> {
  await sql`insert into ${sql.table(MEMBERS)} (login, organisation_id) values (${login}, ${organisationId})
    on conflict (login) do update set organisation_id = excluded.organisation_id`.execute(db);
}
