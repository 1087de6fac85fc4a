// The participant a new placement or outcome is for, when the address names one: looked up
// once so the form can start with them chosen. `ready` is false while looking.
import { useChannel } from '../../api/use-channel';
import type { ParticipantPick } from '../../../shared/contract/outcomes-schemas';

export function useParticipantPick(id: number | null): { pick: ParticipantPick | null; ready: boolean } {
  const found = useChannel('outcomes.findParticipants', { id: id ?? 1 }, { skip: !id });
  if (!id) return { pick: null, ready: true };
  return { pick: found.data?.[0] ?? null, ready: !found.loading };
}
