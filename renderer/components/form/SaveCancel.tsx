// The one Save and Cancel row under a form: the submit button (disabled while saving, so a second
// press cannot send the form twice) and Cancel beside it. Cancel is a button, not a link, so it
// sits in the tab order right after Save and does what the form's owner says (close a panel, go
// back). A form that cannot be cancelled leaves `onCancel` out.
import type { ReactNode } from 'react';

export function SaveCancel({
  saving,
  onCancel,
  children,
}: {
  saving: boolean;
  onCancel?: (() => void) | undefined;
  /** The submit button's words: what saving does ("Save event", "Record outcome"). */
  children: ReactNode;
}) {
  return (
    <div className="button-row">
      <button type="submit" className="primary" disabled={saving}>
        {children}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
