// Looks for likely duplicates of what is typed: on leaving a key field and before each save.
// Candidates the officer marked "not a duplicate" are left out. Remembers which field brought
// them up, so the warning is shown beside it.
import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { DuplicateCandidate } from '../../../shared/contract/participants.contract';
import type { ParticipantRecordInput } from '../../../shared/domain/participant-record';
import { parseUkDate } from '../../../shared/domain/dates';
import { matchKeys } from './participant-form-values';

/** The fields whose value is used to find duplicates, in form order. */
export const duplicateKeyFields = ['firstName', 'lastName', 'dateOfBirth', 'niNumber', 'postcode', 'phone'] as const;
export type DuplicateKeyField = (typeof duplicateKeyFields)[number];

export function useDuplicateCheck(excludeId?: number) {
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [dismissed, setDismissed] = useState<number[]>([]);
  // Where the warning shows: the key field last left, or the date of birth for a save.
  const [anchor, setAnchor] = useState<DuplicateKeyField>('dateOfBirth');
  const latest = useRef(0);

  const check = useCallback(
    async (
      values: ParticipantRecordInput,
      from?: DuplicateKeyField,
      notIds: number[] = dismissed,
    ): Promise<DuplicateCandidate[]> => {
      const keys = matchKeys(values, parseUkDate);
      const request = ++latest.current;
      if (!keys) {
        setCandidates([]);
        return [];
      }
      const result = await api.call('participants.duplicates', { keys, ...(excludeId ? { excludeId } : {}) });
      const found = result.ok ? result.value.filter((c) => !notIds.includes(c.id)) : [];
      if (request === latest.current) {
        // A warning already showing stays where it is; a new one appears beside the field left.
        if (from && !candidates.length) setAnchor(from);
        setCandidates(found);
      }
      return found;
    },
    [dismissed, excludeId, candidates.length],
  );

  const dismiss = useCallback((id: number) => {
    setDismissed((d) => [...d, id]);
    setCandidates((c) => c.filter((x) => x.id !== id));
  }, []);

  return { candidates, dismissed, anchor, check, dismiss, clear: () => setCandidates([]) };
}
