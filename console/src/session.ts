/**
 * The signed-in person and their token. Kept in sessionStorage only: it survives a reload of this tab, dies with
 * the tab, and never reaches a URL or localStorage (issue 12: no token in long-lived storage).
 */
import type { Person } from './api/types';

export type { Person };

export interface Session {
  token: string;
  expiresAt: string;
  person: Person;
}

const KEY = 'bac-son-session';
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((l) => l(session));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(null));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
