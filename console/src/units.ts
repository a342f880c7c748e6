/** Unit names by code, read once per session from GET /api/v1/units; a code not (yet) known shows as it is. */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api/client';

let cache: Promise<Record<string, string>> | null = null;

function load(): Promise<Record<string, string>> {
  cache ??= api.GET('/api/v1/units').then(({ data }) => {
    if (!data) {
      cache = null;
      return {};
    }
    return Object.fromEntries(data.items.map((u) => [u.code, u.name]));
  });
  return cache;
}

export function useUnitNames(): (code: string | null | undefined) => string {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void load().then(setNames);
  }, []);
  return (code) => (code ? (names[code] ?? code) : '');
}

/** Every unit, as [code, name], in the directory's order (for a filter). */
export function useUnits(): Array<[string, string]> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void load().then(setNames);
  }, []);
  return Object.entries(names);
}
