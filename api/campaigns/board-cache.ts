/**
 * The board as the API serves it. A campaign's officials and its thousands of communes read the same board,
 * and each read is a query the campaign's Worker answers between the tasks of the campaign's children; so the
 * API asks the campaign at most one query at a time per board request, answers at once with a board read at
 * most `maxAgeMs` ago, and, while one refresh is in flight, with one read at most `STALE_FACTOR` times that
 * ago. Older than that, the reader waits for the refresh. Every answer says when it was read (`readAt`).
 * The board was never more current than that: the commune plans report their lines by signal, after the fact.
 */

/** How much older than `maxAgeMs` a board may be while its refresh is in flight. */
export const STALE_FACTOR = 5;
/**
 * Board requests remembered (a commune officer's read is a request of its own). Boards too old to be served
 * are dropped at least once per stale limit, so the bound is only reached by that many requests at once.
 */
const MAX_ENTRIES = 5_000;

interface Entry<T> {
  value?: { board: T; at: number };
  refreshing?: Promise<{ board: T; at: number }>;
}

export interface BoardCache<T> {
  /** The board for `key`, read by `fetch` or remembered, with the instant it was read. */
  get(key: string, fetch: () => Promise<T>): Promise<{ board: T; readAt: Date }>;
  /** Boards held in memory now. */
  size(): number;
}

export function boardCache<T>(options: { maxAgeMs: number; now?: () => number }): BoardCache<T> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();
  const staleMs = options.maxAgeMs * STALE_FACTOR;
  let sweptAt = now();
  // A board past the stale limit is never served again, only replaced: drop those no refresh is filling.
  const sweep = (): void => {
    if (now() - sweptAt < staleMs) return;
    sweptAt = now();
    for (const [key, entry] of entries) {
      if (!entry.refreshing && (!entry.value || sweptAt - entry.value.at > staleMs)) entries.delete(key);
    }
  };

  const refresh = (key: string, entry: Entry<T>, fetch: () => Promise<T>): Promise<{ board: T; at: number }> => {
    entry.refreshing ??= fetch().then(
      (board) => {
        entry.value = { board, at: now() };
        entry.refreshing = undefined;
        return entry.value;
      },
      (err: unknown) => {
        entry.refreshing = undefined;
        // A board that cannot be read now is not served from memory either (a campaign removed, a Worker down).
        entries.delete(key);
        throw err;
      },
    );
    return entry.refreshing;
  };

  return {
    async get(key, fetch) {
      if (options.maxAgeMs <= 0) return { board: await fetch(), readAt: new Date(now()) };
      sweep();
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entry = {};
        entries.set(key, entry);
      }
      const age = entry.value ? now() - entry.value.at : Infinity;
      if (age > options.maxAgeMs) {
        const pending = refresh(key, entry, fetch);
        if (age > staleMs) {
          const fresh = await pending;
          return { board: fresh.board, readAt: new Date(fresh.at) };
        }
        // Served from memory while the refresh runs; its failure is the next reader's to see.
        pending.catch(() => undefined);
      }
      return { board: entry.value!.board, readAt: new Date(entry.value!.at) };
    },
    size: () => entries.size,
  };
}
