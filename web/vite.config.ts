import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { webManifest } from './src/lib/pwa/web-manifest.ts';

export default defineConfig(({ command }) => {
  // The web app is always built for production, whatever NODE_ENV the server is started
  // with (its default is development): a development build leaves out the service
  // worker's registration (import.meta.env.PROD), so the installed app would not open
  // offline. Vite reads NODE_ENV right after calling this function, before the plugins run.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
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
  };
});
