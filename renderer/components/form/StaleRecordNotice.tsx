// A save refused because a colleague saved the record after this form opened it (the backend's
// StaleRecordFailure: "Changed by <name> at <time>"): said beside the form, not as a field
// problem, with a way to reload the record at its current version and make the change again.
import { useState } from 'react';
import type { AppError } from '../../../shared/result';

/** State for the notice, and the `onFailure` to give useContractForm. */
export function useStaleRecord(): { message: string | null; onFailure(error: AppError): boolean } {
  const [message, setMessage] = useState<string | null>(null);
  return {
    message,
    onFailure: (error) => {
      if (error.kind !== 'conflict' || !error.stale) return false;
      setMessage(error.message);
      return true;
    },
  };
}

export function StaleRecordNotice({ message, onReload }: { message: string | null; onReload(): void }) {
  if (!message) return null;
  return (
    <div className="error-summary" role="alert">
      <h2>Not saved</h2>
      <p>{message}</p>
      <button type="button" onClick={onReload}>
        Reload the record
      </button>
    </div>
  );
}
