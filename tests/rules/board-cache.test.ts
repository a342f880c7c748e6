/**
 * The board the API serves (api/campaigns/board-cache.ts): one query at a time per board request, a board read
 * within maxAge served again, one a little older served while its refresh runs, an older one waited for, and
 * every answer with the instant it was read. A fake clock and a fake campaign that counts its queries.
 */
import { boardCache, STALE_FACTOR } from '../../api/campaigns/board-cache';

function campaign() {
  let version = 0;
  let release: (() => void) | undefined;
  let hold = false;
  return {
    queries: 0,
    /** Answers with the next version of the board, at once or when `answer()` is called. */
    fetch(): Promise<number> {
      this.queries += 1;
      version += 1;
      const v = version;
      return hold ? new Promise((r) => (release = () => r(v))) : Promise.resolve(v);
    },
    holdAnswers(on: boolean) {
      hold = on;
    },
    answer() {
      release?.();
    },
  };
}

test('reads within maxAge are answered from memory, with the instant the board was read', async () => {
  let t = 1_000_000;
  const cache = boardCache<number>({ maxAgeMs: 1000, now: () => t });
  const c = campaign();
  const first = await cache.get('k', () => c.fetch());
  t += 900;
  const second = await cache.get('k', () => c.fetch());
  expect([first.board, second.board, c.queries]).toEqual([1, 1, 1]);
  expect(second.readAt).toEqual(new Date(1_000_000));
  // Another request (another page, a commune officer's own line) is a board of its own.
  expect((await cache.get('other', () => c.fetch())).board).toBe(2);
});

test('readers arriving together share one query', async () => {
  const cache = boardCache<number>({ maxAgeMs: 1000, now: () => 0 });
  const c = campaign();
  c.holdAnswers(true);
  const reads = [cache.get('k', () => c.fetch()), cache.get('k', () => c.fetch()), cache.get('k', () => c.fetch())];
  c.answer();
  expect((await Promise.all(reads)).map((r) => r.board)).toEqual([1, 1, 1]);
  expect(c.queries).toBe(1);
});

test('a board past maxAge is served while one refresh runs; past five times that, the reader waits for it', async () => {
  let t = 0;
  const cache = boardCache<number>({ maxAgeMs: 1000, now: () => t });
  const c = campaign();
  await cache.get('k', () => c.fetch());
  t = 2500;
  c.holdAnswers(true);
  // Stale but within the bound: answered at once from memory, and one refresh started.
  const stale = await cache.get('k', () => c.fetch());
  const again = await cache.get('k', () => c.fetch());
  expect([stale.board, again.board, stale.readAt.getTime(), c.queries]).toEqual([1, 1, 0, 2]);
  c.answer();
  await new Promise((r) => setImmediate(r));
  expect((await cache.get('k', () => c.fetch())).board).toBe(2);
  // Far too old: waits for a new read.
  t += 1000 * STALE_FACTOR + 1;
  const waiting = cache.get('k', () => c.fetch());
  c.answer();
  expect((await waiting).board).toBe(3);
});

test('a failed read is the reader’s error and is not remembered; maxAge 0 asks every time', async () => {
  let fail = true;
  const cache = boardCache<number>({ maxAgeMs: 1000, now: () => 0 });
  await expect(cache.get('k', () => (fail ? Promise.reject(new Error('no such campaign')) : Promise.resolve(7)))).rejects.toThrow('no such campaign');
  fail = false;
  expect((await cache.get('k', () => Promise.resolve(7))).board).toBe(7);

  const always = boardCache<number>({ maxAgeMs: 0 });
  const c = campaign();
  await always.get('k', () => c.fetch());
  await always.get('k', () => c.fetch());
  expect(c.queries).toBe(2);
});

test('boards too old to be served are dropped: a thousand one-off reads do not stay in memory', async () => {
  let t = 1_000_000;
  const cache = boardCache<number>({ maxAgeMs: 1000, now: () => t });
  const c = campaign();
  for (let i = 0; i < 1_000; i++) await cache.get(`commune-${i}`, () => c.fetch());
  await cache.get('office', () => c.fetch());
  expect(cache.size()).toBe(1_001);
  // The office keeps reading; the communes' reads are past the stale limit and go at the next sweep.
  t += 1000 * STALE_FACTOR - 500;
  await cache.get('office', () => c.fetch());
  t += 600;
  const office = await cache.get('office', () => c.fetch());
  expect(cache.size()).toBe(1);
  expect(office.board).toBeGreaterThan(1_000);
});
