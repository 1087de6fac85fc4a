// A wide table's frame. In a narrow window (1,024 px) a table of many columns scrolls sideways
// inside it instead of pushing the page past the window's right edge. While (and only while) the
// table does not fit, the frame is a labelled region in the tab order, so it can be scrolled with
// the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable); a table that fits adds no tab
// stop. Its row headers stay in view as it scrolls (table-scroll in app.css).
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={frame}
      className="table-scroll"
      {...(overflows ? { role: 'region', 'aria-label': `${label} (scrolls sideways)`, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
