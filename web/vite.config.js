import { defineConfig } from 'vite';

// The page is embedded into `marsad serve` (crates/server/build.rs reads dist/).
// `npm run dev` proxies the API to a running `marsad serve` on 127.0.0.1:8080.
export default defineConfig({
  build: { outDir: 'dist', assetsInlineLimit: 0, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' } },
});
