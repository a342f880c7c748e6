/**
 * What a worker remembers of a workflow's answer (the calendar, an agency's mail routing): a burst of notices
 * asks the workflow once; after 30 s, or once this process changed it, it asks again; a failed answer is not kept.
 */
import { remembered } from '../activities/remembered';

function counted(answers: Array<string | Error>) {
  let loads = 0;
  const load = async () => {
    const answer = answers[Math.min(loads++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { load, loads: () => loads };
}

test('a burst of 500 notices for one agency asks its inbox once, and each agency separately', async () => {
  const memory = remembered<string>(30_000, () => 0);
  const lanhDao = counted(['a@x']);
  const bchqs = counted(['b@x']);
  const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? memory.get('q/lanh-dao', lanhDao.load) : memory.get('q/bchqs', bchqs.load))));
  expect(new Set(answers)).toEqual(new Set(['a@x', 'b@x']));
  expect([lanhDao.loads(), bchqs.loads()]).toEqual([1, 1]);
});

test('after 30 s, or once forgotten, the next read asks again', async () => {
  let clock = 0;
  const memory = remembered<string>(30_000, () => clock);
  const source = counted(['old', 'new', 'newer']);
  expect(await memory.get('k', source.load)).toBe('old');
  clock = 29_999;
  expect(await memory.get('k', source.load)).toBe('old');
  clock = 30_000;
  expect(await memory.get('k', source.load)).toBe('new');
  memory.forget('k');
  expect(await memory.get('k', source.load)).toBe('newer');
  expect(source.loads()).toBe(3);
});

test('a failed read is not remembered: the next notice asks again', async () => {
  const memory = remembered<string>(30_000, () => 0);
  const source = counted([new Error('consistent query buffer is full'), 'a@x']);
  await expect(memory.get('k', source.load)).rejects.toThrow('buffer is full');
  await new Promise((r) => setImmediate(r));
  expect(await memory.get('k', source.load)).toBe('a@x');
  expect(source.loads()).toBe(2);
});
