/** The built console's first load stays within issue 12's budget of compressed JavaScript (bench/console-size.ts measures it). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONSOLE_DIR } from '../../api/console';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadJs } from '../../bench/console-size';

test('the first load ships at most 200 KB of gzip-compressed JavaScript', () => {
  if (!existsSync(path.join(DEFAULT_CONSOLE_DIR, 'index.html'))) throw new Error('The console is not built: run `make install` or `npm run -s console:build`.');
  const load = firstLoadJs();
  // index.html names the entry script; a build that named none would pass any budget.
  expect(load.files.length).toBeGreaterThan(0);
  expect(load.gzip).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
});
