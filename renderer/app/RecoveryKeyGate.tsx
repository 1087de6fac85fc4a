// After set-up (and at each start until it is done), an administrator first sees the store's
// recovery key to print or write down; "Remind me later" leaves it in Settings → Sign-in and data
// file until someone confirms it is kept. Other roles never see it.
import { useState, type ReactNode } from 'react';
import { useChannel } from '../api/use-channel';
import { roleAtLeast } from '../../shared/contract/define';
import type { Session } from '../../shared/contract/app.contract';
import { RecoveryKeyPanel } from '../features/settings/RecoveryKeyPanel';

export function RecoveryKeyGate({
  session,
  storePath,
  children,
}: {
  session: Session;
  storePath: string;
  children: ReactNode;
}) {
  const isAdmin = roleAtLeast(session.staff.role, 'administrator');
  const status = useChannel('keys.recoveryKey', {}, { areas: ['settings'], skip: !isAdmin });
  const [later, setLater] = useState(false);
  // Only the key pending when the administrator arrived: a new one made in Settings is shown there.
  const [arrivedWith, setArrivedWith] = useState<string | null | undefined>(undefined);
  if (status.data && arrivedWith === undefined) setArrivedWith(status.data.recoveryKey);
  const recoveryKey = isAdmin && !later ? status.data?.recoveryKey : null;
  if (!recoveryKey || (arrivedWith !== undefined && recoveryKey !== arrivedWith)) return <>{children}</>;
  return (
    <main className="welcome" id="main">
      <h1>Keep the recovery key safe</h1>
      <RecoveryKeyPanel
        recoveryKey={recoveryKey}
        storeName={storePath}
        onConfirmed={() => status.reload()}
        onLater={() => setLater(true)}
      />
    </main>
  );
}
