// The people and items behind a count: one row per claim line with its evidence and
// eligibility status. Shows the first 1,000 rows; the workbook carries all of them.
import { labelOfCode } from '../../../shared/domain/labels';
import { verificationStatuses } from '../../../shared/domain/outcome-lists';
import type { ClaimLineView } from '../../../shared/contract/returns.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { participantsRoutes } from '../participants/participants.routes';
import { TableScroll } from '../../components/TableScroll';

const SHOWN = 1000;

function evidence(l: ClaimLineView): { text: string; tone: string } {
  if (l.itemKind === 'outcome') {
    const n = l.evidenceCount ?? 0;
    return { text: `${n} evidence item${n === 1 ? '' : 's'}`, tone: n > 0 ? 'green' : 'red' };
  }
  if (l.itemKind === 'participant') {
    const n = l.evidenceCount ?? 0;
    return { text: `${n} eligibility check${n === 1 ? '' : 's'} seen`, tone: n > 0 ? 'green' : 'yellow' };
  }
  return { text: 'Programme record', tone: 'grey' };
}

export function ClaimLinesTable({
  lines,
  caption,
  total = lines.length,
}: {
  lines: ClaimLineView[];
  caption: string;
  total?: number;
}) {
  if (!lines.length) return <p>No people or items are counted.</p>;
  return (
    <>
      {total > Math.min(SHOWN, lines.length) && (
        <p className="muted">
          Showing the first {Math.min(SHOWN, lines.length).toLocaleString('en-GB')} of {total.toLocaleString('en-GB')};
          the exported workbook lists them all.
        </p>
      )}
      <div className="lines-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Name</th>
                <th scope="col">Item</th>
                <th scope="col">Date</th>
                <th scope="col">Verification</th>
                <th scope="col">Evidence</th>
                <th scope="col">Eligibility</th>
              </tr>
            </thead>
            <tbody>
              {lines.slice(0, SHOWN).map((l) => {
                const ev = evidence(l);
                return (
                  <tr key={`${l.indicatorCode}-${l.itemKind}-${l.itemId}-${l.personId ?? ''}-${l.employerId ?? ''}`}>
                    <td>
                      {l.reference ? (
                        l.personId ? (
                          <a href={participantsRoutes.person.href({ id: l.personId })}>{l.reference}</a>
                        ) : (
                          l.reference
                        )
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{l.personId ? `${l.firstName ?? ''} ${l.lastName ?? ''}` : (l.employerName ?? '—')}</td>
                    <td>
                      {l.itemLabel ?? l.itemKind}
                      {l.employerName && l.personId ? ` (${l.employerName})` : ''}
                    </td>
                    <td>{formatUkDate(l.itemDate)}</td>
                    <td>
                      {l.verificationStatus ? (
                        <span className={`tag tag-${l.verificationStatus === 'verified' ? 'green' : 'yellow'}`}>
                          {labelOfCode(l.verificationStatus, verificationStatuses)}
                        </span>
                      ) : (
                        '—'
                      )}
                      {l.verifier ? ` by ${l.verifier}` : ''}
                      {l.verifiedWithoutEvidence ? (
                        <div>
                          <span className="tag tag-red">Verified without evidence</span>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <span className={`tag tag-${ev.tone}`}>{ev.text}</span>
                    </td>
                    <td>
                      {l.eligibilityStatus ? (
                        <span className={`tag tag-${l.eligibilityStatus === 'eligible' ? 'green' : 'red'}`}>
                          {l.eligibilityStatus}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </>
  );
}
