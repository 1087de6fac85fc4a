// An empty programme after sign-in: start recording, or load the demo programme in one click.
// Shown inside the shell, so the navigation (and signing out) is there too.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { navigate } from './router';
import { roleAtLeast } from '../../shared/contract/define';
import type { Session } from '../../shared/contract/app.contract';
import { participantsRoutes } from '../features/participants/participants.routes';
import { importsRoutes } from '../features/imports/imports.routes';

export function EmptyProgramme({ session, onDone }: { session: Session; onDone(): void }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type !== 'job' || e.job.id !== jobId) return;
        if (e.job.state === 'done') {
          navigate(participantsRoutes.list.path());
          onDone();
        } else if (e.job.state !== 'running') {
          setMessage(e.job.message ?? 'The demo programme was not loaded.');
          setJobId(null);
        }
      }),
    [jobId, onDone],
  );
  const isAdmin = roleAtLeast(session.staff.role, 'administrator');
  return (
    <div className="empty-programme">
      <h1 id="page-title" tabIndex={-1}>
        Your programme is empty
      </h1>
      <p className="lead">
        Hello {session.staff.displayName}. Register the first participant, import a partner's spreadsheet, or look
        around with a demo programme.
      </p>
      {message && (
        <p role="alert" className="error-message">
          {message}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={() => {
            navigate(participantsRoutes.new.path());
            onDone();
          }}
        >
          Register a participant
        </button>
        <button
          type="button"
          onClick={() => {
            navigate(importsRoutes.home.path());
            onDone();
          }}
        >
          Import a partner file
        </button>
        {isAdmin && (
          <button
            type="button"
            disabled={jobId !== null}
            onClick={async () => {
              setMessage(null);
              const result = await api.call('demo.load', { participants: 600 });
              if (result.ok) setJobId(result.value.jobId);
              else setMessage(result.error.message);
            }}
          >
            Load demo data
          </button>
        )}
      </div>
      <p className="muted">
        The demo programme is synthetic: about 600 made-up residents over two years, with courses, placements and
        outcomes. It contains no real people.
      </p>
    </div>
  );
}
