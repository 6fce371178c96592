import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

// The same policy goes into the built index.html as a meta tag and out of the preview server as a header.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' mailto:",
].join('; ');

export default defineConfig(({ mode }) => ({
  plugins: [
    solid(),
    {
      name: 'runlane-csp-meta',
      apply: 'build',
      transformIndexHtml: (html) =>
        html.replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
        ),
    },
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg', 'demo/*.csv'],
      manifest: {
        name: 'Runlane',
        short_name: 'Runlane',
        description: 'Schedules and runs customer-data connections in your browser.',
        theme_color: '#1f4e79',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        clientsClaim: true,
        importScripts: ['sw-notification-click.js'],
        globPatterns: ['**/*.{js,css,html,png,svg,csv,webmanifest}'],
        navigateFallback: 'index.html',
      },
    }),
  ],
  define: {
    // Test builds carry the clock control and the test-only connectors; production builds drop them.
    __RUNLANE_TEST__: JSON.stringify(mode === 'test'),
  },
  worker: { format: 'es' },
  optimizeDeps: { include: ['dexie', 'comlink', 'temporal-polyfill', 'papaparse'] },
  preview: { headers: { 'Content-Security-Policy': contentSecurityPolicy } },
  build: { target: 'es2022' },
}));
