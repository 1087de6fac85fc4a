// Team database (administrators): connect this computer to the programme's shared PostgreSQL
// database instead of its own data file. The connection (with the password) is kept by the
// desktop app in the operating system's keychain; this screen never shows the password again.
import { useEffect, useState, type FormEvent } from 'react';
import { useToasts } from '../../components/Toasts';
import { teamConnectionApi, type TeamConnectionForm, type TeamDatabaseState } from '../../api/transport';
import { OrganisationScopes } from './OrganisationScopes';

const tlsLabels: Record<TeamConnectionForm['tls'], string> = {
  'verify-full': 'Encrypted, server certificate and name checked (required for real data)',
  'insecure-test-server': 'Test server only: encryption not checked',
};

export function TeamDatabaseSection() {
  const team = teamConnectionApi();
  const toasts = useToasts();
  const [state, setState] = useState<TeamDatabaseState | null>(null);
  const [form, setForm] = useState<TeamConnectionForm>({ address: '', login: '', password: '', tls: 'verify-full' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  // Once: the desktop app's answer does not change while this screen is open.
  useEffect(() => {
    void teamConnectionApi()?.teamState().then(setState);
  }, []);

  if (!team)
    return (
      <>
        <OrganisationScopes />
        <p>
          This window uses the data store it was started with. To work on a team database here, start it with{' '}
          <code>--db postgres://login@host/database</code>; the desktop app keeps the connection in this computer&apos;s
          keychain from this screen.
        </p>
      </>
    );

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!team) return;
    setBusy(true);
    const result = await team.saveTeamConnection(form);
    setBusy(false);
    setMessage(result.message);
    if (result.ok) {
      setForm((f) => ({ ...f, password: '' }));
      setState(await team.teamState());
    } else toasts.show({ kind: 'error', message: result.message });
  }

  async function forget() {
    if (!team) return;
    const result = await team.clearTeamConnection();
    setMessage(result.message);
    setState(await team.teamState());
  }

  const set = (key: keyof TeamConnectionForm) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: event.target.value }));

  return (
    <>
      <OrganisationScopes />
      <p>
        {state?.connected
          ? `Connected to the team database ${state.connected}.`
          : 'This computer uses its own data file (solo mode). A team database lets officers of all three partners work on the same records.'}
      </p>
      {state?.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state?.saved && (
        <p>
          Saved connection: {state.saved.address} ({tlsLabels[state.saved.tls]}).{' '}
          <button type="button" onClick={() => void forget()}>
            Forget this connection
          </button>
        </p>
      )}
      <form aria-label="Connect to a team database" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor="team-address">Server and database</label>
          <span id="team-address-hint" className="hint">
            host:port/database, for example db.council.local:5432/worksbook
          </span>
          <input
            id="team-address"
            aria-describedby="team-address-hint"
            required
            value={form.address}
            onChange={set('address')}
          />
        </div>
        <div className="field">
          <label htmlFor="team-login">Your database login</label>
          <input id="team-login" required autoComplete="username" value={form.login} onChange={set('login')} />
        </div>
        <div className="field">
          <label htmlFor="team-password">Your database password</label>
          <input
            id="team-password"
            type="password"
            required
            autoComplete="current-password"
            value={form.password}
            onChange={set('password')}
          />
        </div>
        <div className="field">
          <label htmlFor="team-tls">Connection security</label>
          <select id="team-tls" value={form.tls} onChange={set('tls')}>
            {Object.entries(tlsLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Save connection
        </button>
      </form>
      {message && <p role="status">{message}</p>}
    </>
  );
}
