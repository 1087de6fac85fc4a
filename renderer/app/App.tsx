// The root: find out what the store holds and who is working, then show the welcome, the
// profile chooser or the shell. An empty programme offers demo data.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { storeGate } from '../api/transport';
import { ToastProvider } from '../components/Toasts';
import { SessionContext } from './session-context';
import { Welcome } from './Welcome';
import { ChooseProfile } from './ChooseProfile';
import { Shell } from './Shell';
import { EmptyProgramme } from './EmptyProgramme';
import { UnlockStore } from './UnlockStore';
import { RecoveryKeyGate } from './RecoveryKeyGate';
import { useActivityPings } from './use-activity-pings';
import { useRoute } from './router';
import type { ChannelOutput } from '../../shared/contract/index';
import type { StoreGateState } from '../../shared/store-opening';

type Info = ChannelOutput<'app.info'>;

export function App() {
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lockedReason, setLockedReason] = useState<string | null>(null);
  // An address asked for (a reload, a link) goes to the shell even on an empty programme.
  const addressed = useRoute().length > 0;
  // The store may wait: for its passphrase (the desktop app without a secure keychain) or for its
  // recovery key (this computer's keychain has no key for it).
  const [storeState, setStoreState] = useState<StoreGateState | null | undefined>(storeGate ? undefined : null);
  const refresh = useCallback(
    () =>
      api.call('app.info', {}).then((result) => {
        if (result.ok) setInfo(result.value);
        else setError(result.error.message);
      }),
    [],
  );
  useEffect(() => {
    if (storeGate) {
      void storeGate.state().then((state) => {
        setStoreState(state);
        if (!state?.locked) void refresh();
      });
    } else void refresh();
    return api.onEvent((e) => {
      if (e.type === 'session-locked') setLockedReason(e.reason);
      if (e.type === 'data-changed' || e.type === 'session-locked') void refresh();
    });
  }, [refresh]);
  useActivityPings(!!info?.session);

  if (storeState?.locked && storeGate) {
    return (
      <UnlockStore
        isNew={!storeState.exists}
        mode={storeState.mode}
        unlock={storeGate.unlock}
        onUnlocked={() => {
          setStoreState({ ...storeState, locked: false, exists: true });
          void refresh();
        }}
      />
    );
  }
  if (error)
    return (
      <main className="welcome" id="main">
        <h1>Worksbook could not start</h1>
        <p role="alert">{error}</p>
      </main>
    );
  if (!info)
    return (
      <main className="welcome" id="main" aria-busy="true">
        <h1>Opening Worksbook…</h1>
      </main>
    );

  let body;
  if (info.staffCount === 0) body = <Welcome onSignedIn={() => void refresh()} />;
  else if (!info.session)
    body = (
      <ChooseProfile
        lockedReason={lockedReason}
        onSignedIn={() => {
          setLockedReason(null);
          void refresh();
        }}
      />
    );
  else
    body = (
      <RecoveryKeyGate session={info.session} storePath={info.storePath}>
        <Shell
          session={info.session}
          onSignOut={async () => {
            await api.call('session.end', {});
            setLockedReason(null);
            void refresh();
          }}
          {...(info.participantCount === 0 && !addressed
            ? { start: <EmptyProgramme session={info.session} onDone={() => void refresh()} /> }
            : {})}
        />
      </RecoveryKeyGate>
    );
  return (
    <ToastProvider>
      <SessionContext.Provider value={info.session}>
        <div data-ready="true" className="app-root">
          {body}
        </div>
      </SessionContext.Provider>
    </ToastProvider>
  );
}
