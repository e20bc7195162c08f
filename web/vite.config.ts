import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { webManifest } from './src/lib/pwa/web-manifest.ts';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'service-worker.ts',
      // A new version waits until the person agrees (see lib/pwa/app-update.svelte.ts).
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest,
      injectManifest: {
        globPatterns: ['client/**/*.{js,css,html,ico,png,svg,webp,woff2,webmanifest}'],
      },
      kit: {
        adapterFallback: 'index.html',
        spa: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    // `npm run dev -w web` talks to a server started with `npm start` on port 3000.
    proxy: { '/graphql': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
