import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP has `font-src 'self'`: a font inlined as a data: URI would be refused, so
    // every asset is emitted as a file served from our own origin.
    assetsInlineLimit: 0,
    // The one large file is USWDS's compiled stylesheet (about 520 kB, 61 kB compressed).
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
              priority: 2,
            },
            { name: 'uswds', test: /node_modules[\\/](@trussworks|focus-trap|tabbable)/, priority: 1 },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // In development the API runs separately (npm run dev); proxying keeps the browser on one
    // origin so the same-origin session cookie and CSP behave as in production.
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
      '/docs': apiServer,
    },
    fs: { allow: [repoRoot] },
  },
});
