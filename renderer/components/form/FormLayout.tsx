// The one layout for a long form with a Save bar: the fields scroll in their own region and the bar
// sits below that region, outside it, so nothing is ever under the bar (WCAG 2.4.11 focus not
// obscured, and no field's target overlapped). The screen's ancestors stretch to the window so the
// region ends where the bar begins (form.css: `.content :has(.form-layout)`). In a short window
// (text at 200% or more) the form flows in the page instead and the bar follows the last field.
import type { ReactNode } from 'react';

export function FormLayout({ children, actions }: { children: ReactNode; actions: ReactNode }) {
  return (
    <>
      <div className="form-scroll">{children}</div>
      <div className="form-actions">{actions}</div>
    </>
  );
}
