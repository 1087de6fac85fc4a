// Where keyboard focus goes after moving to another page: the page's heading (#page-title), so
// screen-reader users hear where they are and Tab starts from the top. A page may have already
// put focus in a field of its own (the first field of "New participant"): then it stays there.

/** Focuses the heading as soon as it is on the page (a screen may still be loading); returns a
 * function that stops waiting. */
export function focusPageTitle(): () => void {
  let cancelled = false;
  let frames = 0;
  const tick = () => {
    if (cancelled) return;
    const active = document.activeElement;
    const main = document.getElementById('main');
    if (active && active !== main && main?.contains(active) && active.matches('input, select, textarea')) return;
    const title = document.getElementById('page-title');
    if (title) {
      if (active !== title) title.focus({ preventScroll: true });
      return;
    }
    if (++frames < 240) requestAnimationFrame(tick);
  };
  tick();
  return () => {
    cancelled = true;
  };
}

/** Whether a key press lands in a box the user types in (a one-key shortcut such as "/" or "?"
 * must then be the character typed, not the shortcut). */
export function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}
