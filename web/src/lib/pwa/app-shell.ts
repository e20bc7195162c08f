/**
 * The page every address of the app starts from (adapter-static's fallback, rendered once
 * at build time through hooks.server.ts), fitted to a phone on a slow connection:
 *
 * - SvelteKit's module preloads go at low priority. The document paints its brand bar
 *   from its own HTML (app.html) while they load; at their default high priority they
 *   share a slow link with what that paint needs, and Lighthouse counts them as holding
 *   it up.
 * - The app starts one task after its modules have run, not in the same task: two tasks
 *   of half the length, so the browser can paint and answer a tap in between.
 * - The brand mark in the brand bar and the tab (%brand.icon% in app.html) is written into
 *   the page, not fetched (lib/pwa/brand-icon.ts).
 *
 * The server takes the hash of the inline start script from the built file
 * (server/src/http/content-security-policy.ts), so the changed script is allowed as is.
 */
import { brandIconUrl } from './brand-icon';

const START_CALL = 'kit.start(app, element);';
const BRAND_ICON = '%brand.icon%';

export function shellForSlowConnections(page: string): string {
  const html = page.replaceAll(BRAND_ICON, brandIconUrl);
  // Only the shell has SvelteKit's start script; any other page stays as it is.
  if (!html.includes('kit.start(')) return html;
  // A SvelteKit version that writes its start script differently fails the build here,
  // rather than quietly losing the change.
  if (!html.includes(START_CALL)) throw new Error(`app-shell: SvelteKit's start script no longer contains "${START_CALL}"`);
  return html
    .replaceAll('rel="modulepreload"', 'rel="modulepreload" fetchpriority="low"')
    .replace(START_CALL, `setTimeout(() => ${START_CALL.slice(0, -1)});`);
}
