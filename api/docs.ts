/** Interactive API docs: Swagger UI, served from the swagger-ui-dist package (no CDN), reading the generated document. */
import express, { Router } from 'express';
import path from 'node:path';

export function docsRouter(specUrl: string, issuerName: string): Router {
  const router = Router();
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/docs', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>API - Kế hoạch - ${issuerName.replace(/[<&>]/g, '')}</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(`window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui', persistAuthorization: true });`);
  });
  router.use('/docs/assets', express.static(assets, { index: false }));
  return router;
}
