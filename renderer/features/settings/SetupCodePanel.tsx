// A set-up code just issued, shown this once: the administrator passes it on in person or by
// phone; the staff member types it on the sign-in screen ("I have a set-up code") with the
// password they choose.
import { formatUkDateTime } from '../../../shared/domain/dates';

export function SetupCodePanel({
  name,
  code,
  expiresAt,
  onDone,
}: {
  name: string;
  code: string;
  expiresAt: string;
  onDone(): void;
}) {
  return (
    <div className="panel" role="status" aria-labelledby="setup-code-title">
      <h3 id="setup-code-title">Set-up code for {name}</h3>
      <p className="setup-code" aria-label={`Set-up code ${code.split('').join(' ')}`}>
        <code>{code}</code>
      </p>
      <p>
        Give this code to {name} in person or by phone, not by email. On the sign-in screen they choose their profile,
        then <strong>I have a set-up code</strong>, and set their own password. It works once and expires{' '}
        {formatUkDateTime(expiresAt)}. It is shown only now: if it is lost, issue a new one.
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
