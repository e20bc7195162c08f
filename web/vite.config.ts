import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { webManifest } from './src/lib/pwa/web-manifest.ts';

/**
 * Fewer, larger scripts for a phone's first visit. Left to itself the bundler gives each
 * small module that a different set of pages shares a file of its own: a field page asked
 * for some 30 scripts, many under 1 KB, and on a slow connection each costs a round trip.
 * - Svelte and SvelteKit go in one file each (they are needed by every page anyway).
 * - The small shared modules of the app's own code (under 2 KB, used by two pages or more;
 *   not Svelte state, not the coordinator's console) go in one common file. Their
 *   dependencies come along, so the field pages' translations and GraphQL client are in it.
 * The higher priority takes a module first: the framework never ends up in the common file.
 */
const codeSplitting = {
  groups: [
    { name: 'svelte', test: /node_modules[\\/]svelte[\\/]/, priority: 3 },
    { name: 'kit', test: /node_modules[\\/]@sveltejs[\\/]kit[\\/]/, priority: 2 },
    { name: 'common', test: /[\\/](src[\\/]lib|protocol[\\/]src)[\\/](?!console[\\/]|graphql[\\/]console[\\/])[^?]*(?<!\.svelte)\.ts$/, maxModuleSize: 2048, minShareCount: 2, priority: 1 },
  ],
};

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
    build: { rolldownOptions: { output: { codeSplitting } } },
    server: {
      // `npm run dev -w web` talks to a server started with `npm start` on port 3000.
      proxy: { '/graphql': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
    },
  };
});
