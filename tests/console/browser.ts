/**
 * The console in a real Chromium (Debian's, driven by playwright-core) against the real API serving the built
 * console on a port of its own. Each person gets a browser context of their own, as on their own PC.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_CONSOLE_DIR } from '../../api/console';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of each step (not committed; a few are copied to docs/ by hand). */
export const ARTIFACTS = path.join(__dirname, 'artifacts');

export interface ConsoleUnderTest {
  browser: Browser;
  base: string;
  /** A new browser context (its own sessionStorage) for one person, at an office PC's screen size. */
  person(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function openConsole(app: Express): Promise<ConsoleUnderTest> {
  if (!existsSync(path.join(DEFAULT_CONSOLE_DIR, 'index.html'))) {
    throw new Error(`The console is not built (${DEFAULT_CONSOLE_DIR}): run \`make install\` or \`npm run -s console:build\`.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run \`make install\` (as root) or \`apt-get install -y chromium\`.`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Root (CI) cannot use Chromium's sandbox; the pages are our own. Vietnamese UI: date fields read dd/mm/yyyy.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=vi-VN'] });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    base,
    async person(viewport = { width: 1366, height: 768 }) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Opens `path`; the console sends the person to sign-in, they pick themselves, and land back on `path`. */
export async function signInAs(page: Page, base: string, userId: string, path = '/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.locator(`button[data-user="${userId}"]`).click();
  await page.waitForURL((url) => url.pathname === path);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Reloads until `check` holds: lists come from Temporal's visibility, which follows a change within a moment. */
export async function eventually(page: Page, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the page never showed what was expected');
    await page.waitForTimeout(500);
    await page.reload();
  }
}
