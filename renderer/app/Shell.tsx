// The signed-in shell: skip link, navigation, the current screen, jobs and toasts.
// Keyboard: Alt+1..6 go to each area (Ctrl+1..6 in the app's menu).
import { useEffect } from 'react';
import { routes } from './routes';
import { navigate, useRoute } from './router';
import { api } from '../api/client';
import { JobsProgress } from '../components/JobsProgress';
import type { Session } from '../../shared/contract/app.contract';

const menuTargets: Record<string, string> = {
  'go-participants': 'participants',
  'go-courses': 'courses',
  'go-outcomes': 'outcomes',
  'go-returns': 'returns',
  'go-imports': 'imports',
  'go-settings': 'settings',
  'new-participant': 'participants/new',
  find: 'participants',
  'import-file': 'imports',
};

export function Shell({ session, onSignOut }: { session: Session; onSignOut(): void }) {
  const [area = 'participants', ...rest] = useRoute();
  const route = routes.find((r) => r.path === area) ?? routes[0]!;
  const Screen = route.component;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = routes.find((r) => r.shortcut === e.key);
      if (target) {
        e.preventDefault();
        navigate(target.path);
      }
    };
    window.addEventListener('keydown', onKey);
    const offMenu = api.onMenuCommand((command) => {
      const target = menuTargets[command];
      if (target) navigate(target);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, []);

  // Move focus to the new page's heading so screen-reader users hear where they are.
  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [route.path]);
  useEffect(() => {
    document.title = `${route.label} – Worksbook`;
  }, [route.label]);

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
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Worksbook</div>
        <ul>
          {routes.map((r) => (
            <li key={r.path}>
              <a
                href={`#/${r.path}`}
                aria-current={r.path === route.path ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${r.shortcut}`}
              >
                {r.label}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <span className="who">{session.staff.displayName}</span>
          <span className="muted">{session.staff.role}</span>
          <button type="button" className="link-button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <JobsProgress />
        <Screen rest={rest} />
      </main>
    </div>
  );
}
