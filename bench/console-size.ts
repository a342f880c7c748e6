/**
 * `npx tsx bench/console-size.ts`: what the console's first load ships, from the build in console/dist: every
 * script and module preload index.html names (the JavaScript a browser fetches before the first page shows), raw,
 * gzip (level 9) and Brotli. Issue 12's budget: at most 200 KB of compressed JavaScript.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { DEFAULT_CONSOLE_DIR } from '../api/console';

export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

export interface FirstLoad {
  files: Array<{ file: string; bytes: number; gzip: number; brotli: number }>;
  bytes: number;
  gzip: number;
  brotli: number;
}

export function firstLoadJs(dir: string = DEFAULT_CONSOLE_DIR): FirstLoad {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const files = [...new Set(refs)].map((ref) => {
    const body = readFileSync(path.join(dir, ref.replace(/^\//, '')));
    return { file: ref, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotliCompressSync(body).length };
  });
  const sum = (k: 'bytes' | 'gzip' | 'brotli') => files.reduce((s, f) => s + f[k], 0);
  return { files, bytes: sum('bytes'), gzip: sum('gzip'), brotli: sum('brotli') };
}

if (require.main === module) {
  const load = firstLoadJs();
  process.stdout.write(`${JSON.stringify({ ...load, budget: FIRST_LOAD_BUDGET_BYTES, withinBudget: load.gzip <= FIRST_LOAD_BUDGET_BYTES }, null, 2)}\n`);
}
