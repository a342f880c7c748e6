/**
 * Builds the console into console/dist; the API serves it under / (api/console.ts). JSX is Preact's, through
 * the bundler's own transform (no plugin needed): see tsconfig.json's jsxImportSource.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // The API's CSP allows scripts from this origin only: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  // In `vite` dev mode, the API runs on its own port (make start): send API calls there.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
