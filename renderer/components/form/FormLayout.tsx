// The one layout for a long form with a Save bar: the fields scroll in their own region and the bar
// sits below that region, outside it, so nothing is ever under the bar (WCAG 2.4.11 focus not
// obscured, and no field's target overlapped). The screen's ancestors stretch to the window so the
// region ends where the bar begins (app.css: `.content :has(.form-layout)`).
import type { ReactNode } from 'react';

export function FormLayout({ children, actions }: { children: ReactNode; actions: ReactNode }) {
  return (
    <>
      <div className="form-scroll">{children}</div>
      <div className="form-actions">{actions}</div>
    </>
  );
}
