/**
 * One case page's data: the case's state and the actions the API allows the person now (GET `path` and
 * `path/actions`), and `post`, which sends an action (POST `path/{action}`) and reloads both, so the page only
 * ever offers what the API says is possible.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api/client';
import type { paths } from './api/schema';
import { asProblem, plainMessage, type Problem } from './problems';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
/** The routes that have an `/actions` beside them: the cases. */
export type CasePath = { [P in keyof paths]: P extends string ? (`${P}/actions` extends keyof paths ? P : never) : never }[keyof paths];
/** A case's state as GET `path` answers it. */
export type CaseState<P extends CasePath> = Ok<P>;
export type CaseAction<P extends CasePath> = Ok<`${P}/actions`> extends { allowed: Array<infer A> } ? A & string : never;
export type Post<A extends string> = (action: A, body: unknown) => Promise<Problem | null>;

/** openapi-fetch types each route by its literal path; the route here is only known to be a case's, which the signature checks. */
type Call = (url: string, init: { params: { path: Record<string, string> }; body?: unknown }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const client = api as unknown as { GET: Call; POST: Call };

/**
 * `done` says, per action, what the page tells the person once the API accepted it. `afterLoad` runs after each
 * successful load (a page's extra reading, such as the budget's timeline), and an action waits for it too.
 */
export function useCase<P extends CasePath>(path: P, params: Record<string, string>, done: Record<CaseAction<P>, string>, afterLoad?: () => Promise<void>) {
  type Action = CaseAction<P>;
  const [state, setState] = useState<Ok<P> | null>(null);
  const [actions, setActions] = useState<Ok<`${P}/actions`> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  /** A 403 or 409 stays on the page even when the form it came from goes (the action is no longer possible). */
  const [refused, setRefused] = useState<string | null>(null);
  const init = { params: { path: params } };

  async function load() {
    const [s, a] = await Promise.all([client.GET(path, init), client.GET(`${path}/actions`, init)]);
    if (!s.data) {
      setError(plainMessage(asProblem(s.error, s.response.status)));
      return;
    }
    setState(s.data as Ok<P>);
    setActions((a.data as Ok<`${P}/actions`> | undefined) ?? null);
    await afterLoad?.();
  }
  const key = JSON.stringify(params);
  useEffect(() => {
    // Another case on the same page: not the previous one's state while the new one loads.
    setState(null);
    setError(null);
    void load();
  }, [path, key]);

  const post: Post<Action> = async (action, body) => {
    setFlash(null);
    setRefused(null);
    const { data, error: e, response } = await client.POST(`${path}/${action}`, { ...init, body });
    if (!data) {
      const problem = asProblem(e, response.status);
      // The state may have moved on (someone else acted): show what it is now, keep the form as typed.
      if (problem.status === 409 || problem.status === 403) {
        await load();
        setRefused(plainMessage(problem));
      }
      return problem;
    }
    await load();
    setFlash(done[action]);
    return null;
  };

  const allowed = (actions as { allowed: Action[] } | null)?.allowed ?? [];
  const may = (a: Action) => allowed.includes(a);
  return { state, allowed, may, error, flash, refused, post, load };
}
