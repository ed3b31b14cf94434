import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { CSP_HEADER, cspMeta } from './scripts/csp.mjs';
import { firstScreenHtml } from './scripts/first-screen-html.mjs';
import { firstScreenPreload } from './scripts/first-screen-preload.mjs';
import { openingModule } from './scripts/opening.mjs';

export default defineConfig({
  plugins: [
    react(),
    cspMeta(),
    openingModule(),
    firstScreenPreload(),
    firstScreenHtml(),
    // Offline after the first visit: a Workbox service worker precaches the app, its worker
    // chunks, the scenario files and the sample trace. The page registers it itself once the
    // first screen is up (src/ui/boot/offline.ts), so the plugin injects no register script.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'gicscope — GICv3 made visible',
        short_name: 'gicscope',
        description: 'The Arm GICv3 interrupt controller, drawn live from an exact model.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0f1419',
        theme_color: '#0f1419',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // the manifest and its icons are added by the plugin
        globPatterns: ['**/*.{js,css,html,json,gz}'],
        // take over the page that registered it, so it works offline from the first visit on
        clientsClaim: true,
        skipWaiting: true,
        // the sample trace and the bundles are larger than Workbox's 2 MiB default
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  base: './',
  // npm start and the e2e suite serve the build with the strict policy (scripts/csp.mjs)
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    // child-process tests (CLI, dependency rules) take seconds on a loaded 2-core machine
    testTimeout: 30_000,
  },
});
