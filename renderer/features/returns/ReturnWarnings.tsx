// Warnings before export: counts by kind, and the first few hundred with the people they concern.
import type { ReturnWarning } from '../../../shared/contract/returns.contract';
import { participantsRoutes } from '../participants/participants.routes';

/** Every kind's words: typed by the kinds, so a new kind cannot reach the screen as its code. */
const labels: Record<ReturnWarning['kind'], string> = {
  missing_evidence: 'counted items lack the evidence the indicator requires',
  verified_without_evidence: 'counted outcomes were verified without the evidence their type needs',
  eligibility_not_confirmed: 'people counted whose eligibility is not confirmed',
  possible_duplicate: 'possible duplicate people among those counted',
  outside_enrolment: 'outcomes dated outside the person’s time on the programme',
  claimed_by_other_funder: 'counted items also claimed to another funder for the same time',
  no_funding_stream: 'items with no funding stream: record the person’s funding spell or attribute the item',
};

export function ReturnWarnings({ counts, warnings }: { counts: Record<string, number>; warnings: ReturnWarning[] }) {
  const kinds = Object.entries(counts).filter(([, n]) => n > 0);
  if (!kinds.length)
    return (
      <p className="tag tag-green">
        No warnings: every counted item has its evidence and every person is confirmed eligible.
      </p>
    );
  return (
    <section className="warnings" aria-labelledby="warnings-heading">
      <h3 id="warnings-heading">Check before you export</h3>
      <ul aria-label="Warnings by kind">
        {kinds.map(([kind, n]) => (
          <li key={kind}>
            <strong>{n.toLocaleString('en-GB')}</strong> {labels[kind as ReturnWarning['kind']] ?? kind}
          </li>
        ))}
      </ul>
      <details>
        <summary>
          Show the warnings ({warnings.length.toLocaleString('en-GB')}
          {warnings.length < kinds.reduce((s, [, n]) => s + n, 0) ? ' shown' : ''})
        </summary>
        <ul>
          {warnings.map((w, i) => (
            <li key={i}>
              {w.message === null ? (
                <span className="muted">
                  A warning about someone counted only under a rule on a special-category barrier (not shown to viewers)
                </span>
              ) : w.participantId ? (
                <a href={participantsRoutes.person.href({ id: w.participantId })}>{w.message}</a>
              ) : (
                w.message
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
