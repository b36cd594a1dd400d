// Vite: builds the UI into web/dist. `npm run dev` proxies the server's paths to a running
// `leadbase serve` (LEADBASE_URL, default http://127.0.0.1:8080).
import { defineConfig } from 'vitest/config';

const backend = process.env.LEADBASE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/healthz', '/collect', '/forms'].map((p) => [p, { target: backend, changeOrigin: false }]),
    ),
  },
  test: { include: ['src/**/*.test.ts', 'tracker/**/*.test.ts'], environment: 'node' },
});
