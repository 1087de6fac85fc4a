// The store's recovery key, shown to an administrator until someone confirms writing it down: in
// groups of five to read and copy, a print view (only the key and what it is for go to the
// printer), and the confirmation that stops it being shown. It opens the data file and every
// backup on any computer, so the words say to keep it like a house key, away from the laptop.
import { useState } from 'react';
import { api } from '../../api/client';
import { formatUkDateTime } from '../../../shared/domain/dates';

export function RecoveryKeyPanel({
  recoveryKey,
  storeName,
  onConfirmed,
  onLater,
}: {
  recoveryKey: string;
  /** Where the data file is, printed beside the key so the sheet says which store it opens. */
  storeName: string | null;
  onConfirmed(): void;
  /** Shown on the first screen after set-up: leave it for now (Settings → Sign-in and data file). */
  onLater?: () => void;
}) {
  const [written, setWritten] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = recoveryKey.split('-');

  async function confirm() {
    setBusy(true);
    const result = await api.call('keys.confirmRecoveryKey', {});
    setBusy(false);
    if (result.ok) onConfirmed();
    else setError(result.error.message);
  }

  return (
    <section className="panel recovery-key-sheet" aria-labelledby="recovery-key-title">
      <h2 id="recovery-key-title">Your recovery key</h2>
      <p className="print-only">
        Worksbook recovery key{storeName ? ` for ${storeName}` : ''}, printed{' '}
        {formatUkDateTime(new Date().toISOString())}.
      </p>
      <p>
        This key opens the data file and its backups if this computer's keychain is lost: a new laptop, a Windows
        password reset by IT, a rebuilt profile. Without it, and without this computer, nobody can read the data: not
        you, not IT, not us.
      </p>
      <p className="recovery-key" aria-label={`Recovery key, in six groups: ${groups.join(', ')}`}>
        <code>{recoveryKey}</code>
      </p>
      <p className="no-print">
        Print it or write it down now, and keep it somewhere safe away from this computer (a locked drawer or the
        council's safe), as you would a spare house key. It is shown until you confirm it is kept; after that it is
        never shown again. Settings → Sign-in and data file can make a new one.
      </p>
      {error && (
        <p role="alert" className="error-message no-print">
          {error}
        </p>
      )}
      <div className="button-row no-print">
        <button type="button" onClick={() => window.print()}>
          Print the recovery key
        </button>
      </div>
      <div className="no-print">
        <label className="radio" htmlFor="recovery-key-written">
          <input
            id="recovery-key-written"
            type="checkbox"
            checked={written}
            onChange={(e) => setWritten(e.target.checked)}
          />
          I have printed or written down the recovery key and will keep it safe
        </label>
        <div className="button-row">
          <button type="button" className="primary" disabled={!written || busy} onClick={() => void confirm()}>
            Done: do not show it again
          </button>
          {onLater && (
            <button type="button" onClick={onLater}>
              Remind me later
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
