// Every table's frame. In a narrow window (1,024 px, or a laptop's 1,366 px with text at 200%) a
// table of many columns scrolls sideways inside it instead of pushing the page past the window's
// right edge. While (and only while) the table does not fit, the frame is a region named after the
// table and in the tab order, so it can be scrolled with the arrow keys (WCAG 2.1.1; axe's
// scrollable-region-focusable); a table that fits adds no tab stop. Its row headers stay in view
// as it scrolls (table-scroll in app.css).
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** The table's own name: its caption, else its aria-label. */
function tableName(frame: HTMLElement): string {
  const table = frame.querySelector('table');
  return (table?.caption?.textContent ?? table?.getAttribute('aria-label') ?? '').trim() || 'Table';
}

export function TableScroll({ children }: { children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState<string | null>(null);
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setOverflowing(el.scrollWidth > el.clientWidth ? tableName(el) : null);
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
      {...(overflowing ? { role: 'region', 'aria-label': `${overflowing} (scrolls sideways)`, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
