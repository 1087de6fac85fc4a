// On a job or apprenticeship start: its 13- and 26-week checks, when each falls due, and the
// answer when recorded (or a form to record it).
import { useState } from 'react';
import { useCan } from '../../app/session-context';
import { formatUkDate } from '../../../shared/domain/dates';

import type { OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import { SustainmentCheckForm } from './SustainmentCheckForm';
import { SustainmentStateTag } from './SustainmentStateTag';
import { outcomesRoutes } from './outcomes.routes';
import { TableScroll } from '../../components/TableScroll';

export function SustainmentPanel({ outcome }: { outcome: OutcomeDetail }) {
  const canEdit = useCan('officer');
  const [recording, setRecording] = useState<13 | 26 | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="sustainment-title">
      <h2 id="sustainment-title">Sustainment</h2>
      <TableScroll>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Due</th>
              <th scope="col">Window ends</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {outcome.sustainment.map((s) => (
              <tr key={s.weeks}>
                <td>{s.weeks} weeks</td>
                <td>{formatUkDate(s.dueOn)}</td>
                <td>{formatUkDate(s.windowEndsOn)}</td>
                <td>
                  {s.check ? (
                    s.check.sustained ? (
                      <>
                        Sustained ({formatUkDate(s.check.sustainedOn)}){' '}
                        {s.check.outcomeId && (
                          <a href={outcomesRoutes.outcome.href({ id: s.check.outcomeId })}>open outcome</a>
                        )}
                      </>
                    ) : (
                      <>Not sustained (checked {formatUkDate(s.check.checkedOn)})</>
                    )
                  ) : (
                    <>
                      <SustainmentStateTag state={s.state} />
                      {canEdit && s.state !== 'not_due' && recording === null && (
                        <button type="button" className="link-button" onClick={() => setRecording(s.weeks)}>
                          {' '}
                          Record {s.weeks}-week check
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {recording && (
        <SustainmentCheckForm
          target={{
            startOutcomeId: outcome.id,
            weeks: recording,
            participantName: outcome.participantName,
            startDate: outcome.outcomeDate,
            dueOn: outcome.sustainment.find((s) => s.weeks === recording)!.dueOn,
            windowEndsOn: outcome.sustainment.find((s) => s.weeks === recording)!.windowEndsOn,
          }}
          today={today}
          onDone={() => setRecording(null)}
        />
      )}
    </section>
  );
}
