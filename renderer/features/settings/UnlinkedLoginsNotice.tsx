// On a team database, a staff login not linked to a profile signs in as no one
// (db/features/trust/login-binding.service.ts). After an upgrade to team mode, or when the
// database's owner adds a login, the people using those logins are locked out until an
// administrator links them, and only the administrator can do it. So every administrator sees,
// above every page, which logins wait and where to link them, until each is linked; "Hide" puts it
// away until the next sign-in (a login may be kept unlinked on purpose, e.g. someone not started yet).
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { settingsRoutes } from './settings.routes';

export function UnlinkedLoginsNotice({ onStaffPage }: { onStaffPage: boolean }) {
  const team = useChannel('team.logins', {}, { areas: ['staff'] });
  const [hidden, setHidden] = useState(false);
  const waiting = team.data?.teamMode ? team.data.logins.filter((l) => l.staffId === null) : [];
  if (hidden || waiting.length === 0) return null;
  const list = waiting.map((l) => `${l.login} (${l.role})`).join(', ');
  const one = waiting.length === 1;
  return (
    <div className="panel notice-bar" role="status">
      <p>
        {one ? 'One database login is' : `${waiting.length} database logins are`} not linked to a staff profile, so{' '}
        {one ? 'the person who uses it cannot' : 'the people who use them cannot'} sign in: {list}.{' '}
        {onStaffPage ? (
          <>Link {one ? 'it' : 'each'} to its owner&apos;s profile in the Database login column below.</>
        ) : (
          <a href={settingsRoutes.section.href({ section: 'staff' })}>Link {one ? 'it' : 'them'} in Staff and roles</a>
        )}
      </p>
      <button type="button" className="link-button" onClick={() => setHidden(true)}>
        Hide until I next sign in
      </button>
    </div>
  );
}
