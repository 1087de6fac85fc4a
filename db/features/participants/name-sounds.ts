// How a participant's names sound, kept in step with the names wherever they are written (the
// record form, merges, imports and their undo, the demo): the quick search's close matches seek
// these columns by index (participants.repository.ts#closeMatchCandidates).
import { nameSound } from '../../../shared/domain/person-match';

/** The sound columns for whichever names `values` sets (none for a name it leaves alone). */
export function nameSoundColumns(values: { first_name?: unknown; last_name?: unknown }): {
  first_name_sound?: string | null;
  last_name_sound?: string | null;
} {
  const out: { first_name_sound?: string | null; last_name_sound?: string | null } = {};
  if (typeof values.first_name === 'string') out.first_name_sound = nameSound(values.first_name);
  if (typeof values.last_name === 'string') out.last_name_sound = nameSound(values.last_name);
  return out;
}
