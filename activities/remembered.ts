/**
 * What a process remembers of a workflow's answer for a short while, so a burst of activities asks the workflow
 * once instead of once each (queries queue at the workflow and the server refuses them when too many wait).
 * One load at a time per key: callers arriving during a load share it. A failed load is not remembered.
 */
export interface Remembered<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Drops what is remembered of `key` (this process has just changed it). */
  forget(key: string): void;
}

export function remembered<V>(freshMs: number, now: () => number = Date.now): Remembered<V> {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < freshMs) return hit.value;
      const value = load();
      entries.set(key, { at: now(), value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    forget(key) {
      entries.delete(key);
    },
  };
}
