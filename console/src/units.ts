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

/** The tenant's name (GET /api/v1/issuer, public), read once: the console's header and the page title. */
let issuer: Promise<string | null> | null = null;

export function useIssuerName(): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    issuer ??= api.GET('/api/v1/issuer').then(({ data }) => data?.name ?? null);
    void issuer.then((n) => {
      setName(n);
      if (n) document.title = `Bàn làm việc kế hoạch — ${n}`;
    });
  }, []);
  return name;
}
