/**
 * The page every address of the app starts from (adapter-static's fallback, rendered once
 * at build time through hooks.server.ts), fitted to a phone on a slow connection:
 *
 * - SvelteKit's module preloads go at low priority. The document paints its brand bar
 *   from its own HTML (app.html) while they load; at their default high priority they
 *   share a slow link with what that paint needs, and Lighthouse counts them as holding
 *   it up.
 * - The start is spread over tasks, so the browser can paint and answer a tap in between:
 *   SvelteKit's own modules run first, the app's a task later (SvelteKit imports both at
 *   once, and with both already loaded they ran in one long task with the parsing of the
 *   page), and the app starts a task after that.
 * - The brand mark in the brand bar and the tab (%brand.icon% in app.html) is written into
 *   the page, not fetched (lib/pwa/brand-icon.ts).
 *
 * The server takes the hash of the inline start script from the built file
 * (server/src/http/content-security-policy.ts), so the changed script is allowed as is.
 */
import { brandIconUrl } from './brand-icon';

// SvelteKit's start script as it writes it: its entry and the app's imported at once, then started.
const START_SCRIPT = /Promise\.all\(\[\s*import\(("[^"]+")\),\s*import\(("[^"]+")\)\s*\]\)\.then\(\(\[kit, app\]\) => \{\s*kit\.start\(app, element\);\s*\}\);/;
const BRAND_ICON = '%brand.icon%';

/** The same start, a task apart: SvelteKit's modules, the app's modules, the start. */
const startInSteps = (kitEntry: string, appEntry: string) =>
  `import(${kitEntry}).then((kit) => new Promise((next) => setTimeout(next)).then(() => import(${appEntry})).then((app) => { setTimeout(() => kit.start(app, element)); }));`;

export function shellForSlowConnections(page: string): string {
  const html = page.replaceAll(BRAND_ICON, brandIconUrl);
  // Only the shell has SvelteKit's start script; any other page stays as it is.
  if (!html.includes('kit.start(')) return html;
  // A SvelteKit version that writes its start script differently fails the build here,
  // rather than quietly losing the change.
  const start = START_SCRIPT.exec(html);
  if (!start) throw new Error("app-shell: SvelteKit's start script is no longer written as this expects");
  return html
    .replaceAll('rel="modulepreload"', 'rel="modulepreload" fetchpriority="low"')
    .replace(start[0], startInSteps(start[1]!, start[2]!));
}
