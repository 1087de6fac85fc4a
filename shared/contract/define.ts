// The building block of the contract: a channel is a name ("area.verb") with an input schema,
// an output schema, the least role that may call it and its effect on the store. The backend
// parses every input with `input` and applies the effect (transaction, audit check, backup,
// data-changed event); the renderer's client takes its types from both schemas.
import type { z } from 'zod';

export const roles = ['viewer', 'officer', 'administrator'] as const;
export type Role = (typeof roles)[number];

export function roleAtLeast(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

/** A staff member's role as they work through a team database login held to `loginRole` (the
 * lesser of the two); unchanged when the login holds no app role (a data file, the owner). */
export function withinLogin(role: Role, loginRole: Role | null): Role {
  return loginRole && !roleAtLeast(loginRole, role) ? loginRole : role;
}

/** What a write can change, as the window's screens know it: a `data-changed` event names these
 * so each open screen reloads only when its own data moved. */
export const dataAreas = [
  'participants',
  'courses',
  'outcomes',
  'returns',
  'imports',
  'staff',
  'settings',
  'audit',
  'backups',
  'views',
  'retention',
  'funding',
  'geography',
  'vacancies',
  'events',
] as const;
export type DataArea = (typeof dataAreas)[number];

/** Why a bulk write takes a backup first (named in the backup file). */
export const bulkReasons = ['pre-import', 'pre-anonymise', 'pre-bulk'] as const;
export type BulkReason = (typeof bulkReasons)[number];

/**
 * What running a channel does to the store; the dispatcher acts on it so handlers do not:
 * - `read`: no transaction, no event. The handler gets `ctx.db`.
 * - `write`: the dispatcher opens one transaction (`ctx.tx`), refuses to commit one that appended
 *   no audit row, and emits `data-changed` for `areas` after the commit. With `bulk` it takes a
 *   checked backup first.
 * - `own`: the handler opens its transactions itself through `ctx.transact` (which applies the
 *   same audit check and event per transaction): jobs that write in chunks, sign-in (whose
 *   failure must still count), restore (which closes the store).
 */
export type ChannelEffect =
  | { readonly kind: 'read' }
  | { readonly kind: 'write'; readonly areas: readonly DataArea[]; readonly bulk?: BulkReason }
  | { readonly kind: 'own'; readonly areas: readonly DataArea[]; readonly bulk?: BulkReason };

export const reads = { kind: 'read' } as const satisfies ChannelEffect;
export function writes<const A extends readonly DataArea[]>(...areas: A) {
  return { kind: 'write', areas } as const satisfies ChannelEffect;
}
/** A write of many rows in one transaction (a rule re-applied to everyone, districts re-read):
 * the dispatcher takes a checked backup before it opens the transaction. */
export function bulkWrites<const A extends readonly DataArea[]>(bulk: BulkReason, ...areas: A) {
  return { kind: 'write', areas, bulk } as const satisfies ChannelEffect;
}
export function ownTransactions<const A extends readonly DataArea[]>(...areas: A) {
  return { kind: 'own', areas } as const satisfies ChannelEffect;
}
/** A job that writes many rows (an import's commit, anonymising): the first `ctx.transact` takes
 * a checked backup before it opens its transaction. */
export function ownBulkTransactions<const A extends readonly DataArea[]>(bulk: BulkReason, ...areas: A) {
  return { kind: 'own', areas, bulk } as const satisfies ChannelEffect;
}

export interface ChannelDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  E extends ChannelEffect = ChannelEffect,
> {
  input: I;
  output: O;
  /** Least role allowed. `public` channels work before sign-in (e.g. listing staff to sign in). */
  role: Role | 'public';
  /** Human label for audit and error messages. */
  summary: string;
  effect: E;
}

export function channel<I extends z.ZodType, O extends z.ZodType, E extends ChannelEffect>(
  def: ChannelDef<I, O, E>,
): ChannelDef<I, O, E> {
  return def;
}
