// Vite: builds the browser snippet web/tracker/lb.ts into ONE file, dist/lb.js (an IIFE, no
// imports, no source map), after the UI build (so dist is not emptied), and fails the build when
// lb.js is 4096 bytes or more gzipped. `npm run build` runs it.
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const LIMIT = 4096;

const sizeLimit: Plugin = {
  name: 'lb-size-limit',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const raw = Buffer.byteLength(chunk.code);
      const gz = gzipSync(chunk.code, { level: 9 }).length;
      console.log(`${chunk.fileName}: ${raw} bytes, ${gz} bytes gzipped (limit ${LIMIT})`);
      if (gz >= LIMIT) this.error(`${chunk.fileName} is ${gz} bytes gzipped, over the ${LIMIT}-byte limit`);
    }
  },
};

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    minify: 'esbuild',
    lib: { entry: 'tracker/lb.ts', formats: ['iife'], name: 'leadbaseTracker', fileName: () => 'lb.js' },
  },
  plugins: [sizeLimit],
});
