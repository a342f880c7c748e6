/**
 * Serves the officials' console (console/, built by `npm run -s console:build` into console/dist) under `/` of
 * the API's origin. Built assets have hashed names and are cached for good; index.html is never cached, so a
 * new build is picked up at the next navigation. Any other GET that a browser sends for a page (Accept: text/html)
 * outside /api, /docs and /health gets index.html, and the console's router shows the page: a link such as
 * /budgets/DT-2026-1A2B3C4D opens in the browser.
 */
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_CONSOLE_DIR = path.resolve(__dirname, '../console/dist');

/** Paths that belong to the API and its docs, never to the console. */
const NOT_CONSOLE = /^\/(api|docs|health)(\/|$)/;

export function consoleRoutes(dir: string = DEFAULT_CONSOLE_DIR): Router {
  const router = Router();
  const index = path.join(dir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.get(/.*/, (req, res, next) => {
    // Only a browser's page request (it names text/html); an API client asking for an unknown path keeps its 404 problem.
    if (NOT_CONSOLE.test(req.path) || !(req.headers.accept ?? '').includes('text/html')) {
      next();
      return;
    }
    if (!existsSync(index)) {
      // The API still works without the console; say how to get it rather than a bare 404.
      res.status(503).type('text/plain; charset=utf-8').send('Giao diện chưa được dựng: chạy `make install` (hoặc `npm run -s console:build`).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
