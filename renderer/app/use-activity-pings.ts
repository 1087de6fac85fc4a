// Tells the backend someone is working (keys, clicks, scrolling), at most once a minute, so the
// automatic lock only happens after real inactivity and not while someone reads a long page.
import { useEffect } from 'react';
import { api } from '../api/client';

const PING_EVERY_MS = 60_000;

export function useActivityPings(signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn) return;
    let last = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - last < PING_EVERY_MS) return;
      last = now;
      void api.call('session.touch', {});
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, [signedIn]);
}
