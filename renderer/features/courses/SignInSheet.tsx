// A session's sign-in sheet, printed for learners to sign on the day: the course, the session and
// its venue, then each person on the register with boxes for time in, signature and time out, and
// a few blank lines for anyone not on the list. The backend records the print as an export (the
// names leave the store on paper); the footer says who printed it, when, and what to do with it.
import { useCallback, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { RunDetail } from '../../../shared/contract/courses.contract';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useSession } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { PrintSheet } from '../../components/PrintSheet';

/** Lines left blank under the names, for someone who turns up without being on the list. */
const BLANK_LINES = 3;

export function PrintSignInSheetButton({ run, sessionId }: { run: RunDetail; sessionId: number }) {
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  // Each print a sheet of its own (the count keys it), so a second print starts its own dialog
  // even where the first never said it had closed.
  const [sheet, setSheet] = useState<{ n: number; data: ChannelOutput<'courses.register.signInSheet'> } | null>(null);
  const printed = useCallback(() => setSheet(null), []);
  const print = async () => {
    setBusy(true);
    const result = await api.call('courses.register.signInSheet', { sessionId });
    setBusy(false);
    if (result.ok) setSheet((before) => ({ n: (before?.n ?? 0) + 1, data: result.value }));
    else toasts.show({ kind: 'error', message: result.error.message });
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void print()}>
        Print sign-in sheet
      </button>
      {sheet && (
        <PrintSheet key={sheet.n} onPrinted={printed}>
          <SignInSheet run={run} sheet={sheet.data} />
        </PrintSheet>
      )}
    </>
  );
}

function SignInSheet({ run, sheet }: { run: RunDetail; sheet: ChannelOutput<'courses.register.signInSheet'> }) {
  const { staff } = useSession();
  const s = sheet.session;
  const times = s.startsAt ? ` · ${s.startsAt}${s.endsAt ? ` to ${s.endsAt}` : ''}` : '';
  const where = [run.venue, run.provider, run.tutor && `Tutor: ${run.tutor}`].filter(Boolean).join(' · ');
  return (
    <article className="sign-in-sheet" aria-label="Sign-in sheet">
      <h1>Sign-in sheet</h1>
      <p>
        <strong>
          {run.courseType}, {formatUkDate(run.startDate)}
        </strong>
        <br />
        {s.label ? `${s.label}, ` : ''}
        {formatUkDate(s.sessionDate)}
        {times}
        {where && (
          <>
            <br />
            {where}
          </>
        )}
      </p>
      {/* eslint-disable-next-line no-restricted-syntax -- this table is only ever on paper (A4), never in a window to scroll */}
      <table>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Name</th>
            <th scope="col">Reference</th>
            <th scope="col">Time in</th>
            <th scope="col">Signature</th>
            <th scope="col">Time out</th>
          </tr>
        </thead>
        <tbody>
          {sheet.people.map((p, i) => (
            <tr key={p.reference}>
              <td>{i + 1}</td>
              <th scope="row">{p.name}</th>
              <td>{p.reference}</td>
              <td />
              <td />
              <td />
            </tr>
          ))}
          {Array.from({ length: BLANK_LINES }, (_, i) => (
            <tr key={`blank-${i}`}>
              <td>{sheet.people.length + i + 1}</td>
              <td />
              <td />
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sign-in-sheet-footer">
        Printed {formatUkDateTime(new Date().toISOString())} by {staff.displayName} from Worksbook. This sheet holds
        personal data: keep it out of sight, enter the marks on the register, then shred it.
      </p>
    </article>
  );
}
