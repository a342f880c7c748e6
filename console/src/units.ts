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

/** The tenant's names (GET /api/v1/issuer, public), read once. */
type Issuer = { name: string; above: { name: string; shortName: string } };
let issuer: Promise<Issuer | null> | null = null;
const readIssuer = (): Promise<Issuer | null> => (issuer ??= api.GET('/api/v1/issuer').then(({ data }) => data ?? null));

/** The tenant's name: the console's header and the page title. */
export function useIssuerName(): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    void readIssuer().then((i) => {
      setName(i?.name ?? null);
      if (i) document.title = `Bàn làm việc kế hoạch — ${i.name}`;
    });
  }, []);
  return name;
}

/** The level above that receives the report, as the tenant names it ("UBND tỉnh"); "cấp trên" until it is read. */
export function useAboveName(): string {
  const [name, setName] = useState('cấp trên');
  useEffect(() => {
    void readIssuer().then((i) => i && setName(i.above.shortName));
  }, []);
  return name;
}
