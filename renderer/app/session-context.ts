// Who is working, for any component that needs the staff member or role.
import { createContext, useContext } from 'react';
import type { Session } from '../../shared/contract/app.contract';
import { roleAtLeast, type Role } from '../../shared/contract/define';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}

export function useCan(role: Role): boolean {
  const s = useContext(SessionContext);
  return !!s && roleAtLeast(s.staff.role, role);
}
