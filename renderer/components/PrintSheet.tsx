// A page made for the printer alone (a sign-in sheet to sign on paper): it is never on the screen,
// and while it prints the app's own screen is left out of the page, not merely hidden, so a long
// screen adds no blank pages behind it. Printing starts once the sheet is in the document; the
// sheet goes again when the print dialog closes (afterprint).
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function PrintSheet({ children, onPrinted }: { children: ReactNode; onPrinted(): void }) {
  // Once per sheet: React's development checks mount an effect twice, and a second dialog would
  // follow the first.
  const started = useRef(false);
  useEffect(() => {
    window.addEventListener('afterprint', onPrinted);
    if (!started.current) {
      started.current = true;
      window.print();
    }
    return () => window.removeEventListener('afterprint', onPrinted);
  }, [onPrinted]);
  return createPortal(<div className="print-sheet">{children}</div>, document.body);
}
