// The building block of the contract: a channel is a name ("area.verb") with an input schema,
// an output schema and the least role that may call it. The backend parses every input with
// `input`; the renderer's client takes its types from both schemas.
import type { z } from 'zod';

export const roles = ['viewer', 'officer', 'administrator'] as const;
export type Role = (typeof roles)[number];

export function roleAtLeast(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Least role allowed. `public` channels work before sign-in (e.g. listing staff to sign in). */
  role: Role | 'public';
  /** Human label for audit and error messages. */
  summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}
