// The signed-in shell: skip link, navigation, the page for the address (or the not-found page),
// jobs and toasts. Keyboard: Alt+1..8 go to each area in the order of the navigation (the app's
// menu shows the same keys); after any such move focus goes to the new page's heading. In a
// narrow window the navigation is a band whose links fold behind a Menu button.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { areas } from './routes';
import { navigate, useRoute } from './router';
import { pageFor } from './pages';
import { focusPageTitle } from './focus';
import { NotFound } from './NotFound';
import { api } from '../api/client';
import { JobsProgress } from '../components/JobsProgress';
import { participantsRoutes } from '../features/participants/participants.routes';
import { importsRoutes } from '../features/imports/imports.routes';
import { settingsRoutes } from '../features/settings/settings.routes';
import { UnlinkedLoginsNotice } from '../features/settings/UnlinkedLoginsNotice';
import type { Session } from '../../shared/contract/app.contract';
import { KeyboardShortcuts, asksForShortcuts } from './KeyboardShortcuts';

const home = (area: string) => areas.find((a) => a.path === area)?.home ?? participantsRoutes.list.href();

const menuTargets: Record<string, () => string> = {
  'go-participants': () => home('participants'),
  'go-courses': () => home('courses'),
  'go-vacancies': () => home('vacancies'),
  'go-outcomes': () => home('outcomes'),
  'go-returns': () => home('returns'),
  'go-imports': () => home('imports'),
  'go-events': () => home('events'),
  'go-settings': () => home('settings'),
  'new-participant': () => participantsRoutes.new.href(),
  find: () => participantsRoutes.list.href(),
  'import-file': () => importsRoutes.home.href(),
};

export function Shell({
  session,
  onSignOut,
  start,
}: {
  session: Session;
  onSignOut(): void;
  /** Shown instead of a page until the user goes somewhere (the empty programme's first steps):
   * inside the shell, so the navigation is there from the first screen (no dead end). */
  start?: ReactNode;
}) {
  const route = useRoute();
  // "#/" (or nothing) is the participants grid.
  const path = route.length ? route : ['participants'];
  const area = areas.find((a) => a.path === path[0]);
  const shown = area ? pageFor(area.pages, path) : null;
  const notFound = shown === null;
  // Bumped by each move the shell makes (shortcut, menu, navigation link) so focus follows it
  // even when the address does not change (Alt+1 on the participants grid).
  const [moves, setMoves] = useState(0);
  const [showShortcuts, setShowShortcuts] = useState(false);
  // In a narrow window the navigation folds behind a Menu button (see app.css); a wide one
  // ignores this and always shows it. The menu is open only at the place it was opened: any move
  // (a link, a shortcut, the app's menu) folds it away again.
  const place = `${path.join('/')} ${moves}`;
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === place;
  const setMenuOpen = (open: boolean) => setMenuOpenAt(open ? place : null);
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const go = (href: string) => {
      navigate(href);
      setMoves((n) => n + 1);
    };
    const onKey = (e: KeyboardEvent) => {
      if (asksForShortcuts(e)) {
        e.preventDefault();
        setShowShortcuts(true);
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      // By the key's place as well as its character: on a Mac, Option+1 types "¡", and on a French
      // keyboard the 1 key without Shift is "&"; both are still the digit row's first key.
      const target = areas.find((a) => a.shortcut === e.key || e.code === `Digit${a.shortcut}`);
      if (target) {
        e.preventDefault();
        go(target.home);
      }
    };
    window.addEventListener('keydown', onKey);
    const offMenu = api.onMenuCommand((command) => {
      if (command === 'shortcuts') setShowShortcuts(true);
      const target = menuTargets[command];
      if (target) go(target());
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, []);

  // A new area, or a move made by the shell: focus the new page's heading.
  useEffect(() => focusPageTitle(), [area?.path, moves]);
  useEffect(() => {
    document.title = `${start ? 'Getting started' : notFound ? 'Page not found' : (area?.label ?? 'Worksbook')} – Worksbook`;
  }, [area?.label, notFound, start]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <nav
        className="sidebar"
        aria-label="Main"
        data-open={menuOpen}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && menuOpen) {
            setMenuOpen(false);
            menuButton.current?.focus();
          }
        }}
      >
        <div className="brand">Worksbook</div>
        <button
          ref={menuButton}
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <div className="sidebar-menu" id="main-menu">
          <ul>
            {areas.map((a) => (
              <li key={a.path}>
                <a
                  href={a.home}
                  aria-current={a === area && !start ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${a.shortcut}`}
                  onClick={() => setMoves((n) => n + 1)}
                >
                  {a.label}
                </a>
              </li>
            ))}
          </ul>
          <div className="sidebar-foot">
            <span className="who">{session.staff.displayName}</span>
            <span className="muted">{session.staff.role}</span>
            <button
              type="button"
              className="link-button"
              onClick={() => setShowShortcuts(true)}
              aria-keyshortcuts="? F1"
            >
              Keyboard shortcuts
            </button>
            <button type="button" className="link-button" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </nav>
      {showShortcuts && <KeyboardShortcuts onClose={() => setShowShortcuts(false)} />}
      <main className="content" id="main" tabIndex={-1}>
        {session.staff.role === 'administrator' && (
          <UnlinkedLoginsNotice
            onStaffPage={settingsRoutes.section.match(path)?.section === 'staff' || !!settingsRoutes.home.match(path)}
          />
        )}
        <JobsProgress />
        {start ?? (notFound ? <NotFound area={area} /> : area?.layout ? area.layout(shown) : shown)}
      </main>
    </div>
  );
}
