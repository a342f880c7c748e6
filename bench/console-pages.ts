/**
 * `npx tsx bench/console-pages.ts`: how long each console page takes to be usable after navigation, in Debian's
 * Chromium against the benchmark's own stack (bench/stack.ts: dev server, worker, API serving the built console,
 * all on this machine). "Usable" is the page's own control or content a person would act on or read, visible.
 * Each page is measured ROUNDS times after one warm-up; the median and the worst are written to
 * bench/results/console-pages.json. Issue 12's target: within 1 s. The first-load size is bench/console-size.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { mintToken } from '../api/auth';
import { CHROMIUM } from '../tests/console/browser';
import { estimate } from './fixtures';
import { startStack } from './stack';

const ROUNDS = 7;
const TARGET_MS = 1_000;

async function main(): Promise<void> {
  const stack = await startStack((line) => process.stderr.write(`${line}\n`));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=vi-VN'] });
  try {
    const token = await mintToken({ secret: stack.secret, issuer: 'bac-son-plan', audience: 'bac-son-plan-api', userId: 'quan-bchqs' });
    const submitted = await fetch(`${stack.apiUrl}/api/v1/budgets`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(estimate) });
    const { id } = (await submitted.json()) as { id: string };
    const base = stack.apiUrl.replace(/\/api\/v1$/, '');

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.locator('button[data-user="hoa-tckh"]').click();
    await page.waitForURL((u) => u.pathname === '/');

    const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
      { name: 'Việc của tôi', path: '/', ready: (p) => p.getByRole('heading', { name: 'Dự toán kinh phí' }).waitFor() },
      { name: 'Dự toán (người thẩm định)', path: `/budgets/${id}`, ready: (p) => p.getByRole('button', { name: 'Thẩm định', exact: true }).waitFor() },
      { name: 'Lập dự toán', path: '/budgets/new', ready: (p) => p.getByLabel('Tên dự toán').waitFor() },
      { name: 'Kiểm tra (tìm hồ sơ)', path: '/audit', ready: (p) => p.getByTestId('audit-results').or(p.getByText('Không có hồ sơ nào.')).first().waitFor() },
    ];
    const results = [];
    for (const target of pages) {
      const times: number[] = [];
      for (let round = 0; round <= ROUNDS; round++) {
        const started = performance.now();
        await page.goto(`${base}${target.path}`);
        await target.ready(page);
        if (round > 0) times.push(performance.now() - started); // round 0 warms the caches
      }
      times.sort((a, b) => a - b);
      const median = Math.round(times[Math.floor(times.length / 2)]!);
      const worst = Math.round(times[times.length - 1]!);
      results.push({ page: target.name, path: target.path, medianMs: median, worstMs: worst, withinTarget: worst <= TARGET_MS });
    }
    const report = { measuredAt: new Date().toISOString(), rounds: ROUNDS, targetMs: TARGET_MS, note: 'full navigation (page.goto) until the page\'s own control is visible, API and Temporal on this machine', results };
    const out = path.join(__dirname, 'results', 'console-pages.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
