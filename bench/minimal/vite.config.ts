// The minimal page that bench/app-bench.mjs compares Runlane's first screen with: the same plugins, worker
// format and build target as the app's vite.config.ts, and a service worker registered the same way.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    solid(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: { name: 'Minimal connections list', short_name: 'Minimal', start_url: '.', scope: '.', display: 'standalone', icons: [] },
      workbox: { clientsClaim: true, globPatterns: ['**/*.{js,css,html}'] },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
