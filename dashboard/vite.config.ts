import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard build: hashed assets under /assets, no source maps, no inline scripts
 * (the CSP allows none), nothing from another origin. `root` is this folder so the build
 * is the same from any working directory (the tests build through the JS API).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Vite inlines small assets as data: URLs; CSP allows data: images only, so inline nothing.
    assetsInlineLimit: 0,
    // The module-preload polyfill is an inline-free script, but no browser we serve needs it.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
  },
  logLevel: 'warn',
});
