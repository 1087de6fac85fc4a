// Looks for likely duplicates of what is typed: on blur of the key fields and before each save.
// Candidates the officer marked "not a duplicate" are left out.
import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { DuplicateCandidate } from '../../../shared/contract/participants.contract';
import type { ParticipantRecordInput } from '../../../shared/domain/participant-record';
import { parseUkDate } from '../../../shared/domain/dates';
import { matchKeys } from './participant-form-values';

export function useDuplicateCheck(excludeId?: number) {
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [dismissed, setDismissed] = useState<number[]>([]);
  const latest = useRef(0);

  const check = useCallback(
    async (values: ParticipantRecordInput, notIds: number[] = dismissed): Promise<DuplicateCandidate[]> => {
      const keys = matchKeys(values, parseUkDate);
      const request = ++latest.current;
      if (!keys) {
        setCandidates([]);
        return [];
      }
      const result = await api.call('participants.duplicates', { keys, ...(excludeId ? { excludeId } : {}) });
      const found = result.ok ? result.value.filter((c) => !notIds.includes(c.id)) : [];
      if (request === latest.current) setCandidates(found);
      return found;
    },
    [dismissed, excludeId],
  );

  const dismiss = useCallback((id: number) => {
    setDismissed((d) => [...d, id]);
    setCandidates((c) => c.filter((x) => x.id !== id));
  }, []);

  return { candidates, dismissed, check, dismiss, clear: () => setCandidates([]) };
}
