// PostgreSQL-only: organisation scope by row-level security. Staff of the three partners share
// one team database; an administrator decides per organisation which participants its staff
// see: everyone, or only the people it referred (a participant whose referral source, on the
// record or on any of their referrals, is the organisation's). A login is a member of at most
// one organisation; a login in no organisation (the programme's own staff) sees everyone, and a
// login whose organisation has no scope yet sees no one. PostgreSQL enforces it for every query
// of the three team roles (psql included); the database's owner is not held by it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { TEAM_ROLES } from './team-roles';

const SCOPES = 'worksbook_organisation_scopes';
const MEMBERS = 'worksbook_staff_organisations';
const SEES = 'worksbook_sees_participant';

/** Creates the scope tables, the check and the policy (once; safe to repeat). */
export async function enableOrganisationScopes(db: Kysely<Database>): Promise<void> {
  const roles = sql.join(Object.values(TEAM_ROLES).map((r) => sql.id(r)));
  await db.transaction().execute(async (tx) => {
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
    await sql`grant select on ${sql.table(SCOPES)}, ${sql.table(MEMBERS)} to ${roles}`.execute(tx);
  });
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
