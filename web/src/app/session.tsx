/** The signed-in user, for every page inside the console's frame (the log-in page has none). */
import { createContext, useContext } from 'react';
import type { Session } from '../session';

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}
