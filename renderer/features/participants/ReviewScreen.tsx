// Records to review: people whose labour-market status at entry disagrees with their time out of
// work (long-term unemployed is 12 months or more, 6 or more under 25). The app never changes a
// status by itself: an officer opens each record and corrects whichever answer is wrong.
import { useChannel } from '../../api/use-channel';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { labelOf, labourMarketStatuses, timeOutOfWork } from '../../../shared/domain/reference-lists';
import { participantsRoutes } from './participants.routes';
import { TableScroll } from '../../components/TableScroll';

export function ReviewScreen() {
  const review = useChannel('participants.toReview', {}, { areas: ['participants'] });
  const r = review.data;
  return (
    <div>
      <PageHeader
        title="Records to review"
        subtitle={r ? `${r.total.toLocaleString('en-GB')} ${r.total === 1 ? 'record' : 'records'}` : 'Loading…'}
        back={{ label: 'Back to participants', href: participantsRoutes.list.href() }}
      />
      <p>
        The labour-market status at entry is checked against the time out of work: long-term unemployed means out of
        work 12 months or more, or 6 months or more for people under 25. These records disagree; nothing has been
        changed. Open each one and correct the status or the time out of work.
      </p>
      {review.error && <p className="error-message">{review.error.message}</p>}
      {r && r.total === 0 && (
        <EmptyState title="Nothing to review">Every status agrees with its time out of work.</EmptyState>
      )}
      {r && r.total > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">
              Records whose labour-market status disagrees with time out of work
            </caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Labour-market status</th>
                <th scope="col">Time out of work</th>
                <th scope="col">What to check</th>
              </tr>
            </thead>
            <tbody>
              {r.labourMarket.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={participantsRoutes.person.href({ id: p.id, tab: 'details' })}>
                      {p.name} ({p.reference})
                    </a>
                  </th>
                  <td>{labelOf(labourMarketStatuses, p.labourMarketStatus)}</td>
                  <td>{labelOf(timeOutOfWork, p.timeOutOfWork)}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {r && r.total > r.labourMarket.length && (
        <p className="muted">The first {r.labourMarket.length.toLocaleString('en-GB')} are shown.</p>
      )}
    </div>
  );
}
