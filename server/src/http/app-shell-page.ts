/**
 * The app shell (the built index.html that every page address gets) with what the page at
 * that address needs beyond it. The shell itself only preloads the framework's start-up
 * scripts and holds the base styles, so without this a phone asks for the page's own
 * scripts only after those have arrived and run, and for its styles after that: each one
 * more round trip on a slow connection before the page shows. The web build lists each
 * page's scripts and styles in route-modules.json (web/adapter/route-modules.js); a build
 * without that file gets the shell as built.
 *
 * - The page's scripts are added as low-priority preloads, like the shell's own: the brand
 *   bar the shell paints from its HTML goes first.
 * - The page's styles are written into it, as SvelteKit does with the base styles: each in
 *   a <style> with a disabled <link> to its file beside it, which tells the app the file is
 *   there and need not be fetched. A style file over MAX_INLINE_STYLE_BYTES is left to the
 *   app to fetch, so no page's shell grows much.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The name web/adapter/route-modules.js writes; tests/server/http.test.ts reads a real build with it.
const ROUTE_MODULES_FILE = 'route-modules.json';

// The build writes this file; it is checked anyway, since its paths go into the HTML.
const routeModulesSchema = z.array(
  z.object({
    pattern: z.string().min(1),
    modules: z.array(z.string().regex(/^\/_app\/immutable\/[\w./-]+\.js$/)),
    // A build from before styles were listed: the app fetches them itself, as it did then.
    styles: z.array(z.string().regex(/^\/_app\/immutable\/assets\/[\w.-]+\.css$/)).default([]),
  }),
);

/** Larger style files are fetched by the app as before (the largest, the map's, is 15 KB). */
export const MAX_INLINE_STYLE_BYTES = 8 * 1024;

type PageFiles = z.infer<typeof routeModulesSchema>[number];

export interface ShellPage {
  html: string;
  etag: string;
}

/** Reads the shell and the page list once; returns the page for a path, made once per route. */
export function appShellPages(webBuildDir: string): (pathname: string) => ShellPage {
  const shell = fs.readFileSync(path.join(webBuildDir, 'index.html'), 'utf8');
  const routes = readRouteModules(webBuildDir);
  const plain = shellPage(shell);
  const made = new Map<number, ShellPage>();
  return (pathname) => {
    const index = routes.findIndex((route) => route.pattern.test(pathname));
    if (index === -1) return plain;
    let page = made.get(index);
    if (!page) {
      page = shellPage(withPageFiles(webBuildDir, shell, routes[index]!));
      made.set(index, page);
    }
    return page;
  };
}

function readRouteModules(webBuildDir: string): (Omit<PageFiles, 'pattern'> & { pattern: RegExp })[] {
  const file = path.join(webBuildDir, ROUTE_MODULES_FILE);
  if (!fs.existsSync(file)) return [];
  return routeModulesSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).map((route) => ({ ...route, pattern: new RegExp(route.pattern) }));
}

function withPageFiles(webBuildDir: string, shell: string, page: Omit<PageFiles, 'pattern'>): string {
  const preloads = page.modules.map((href) => `<link href="${href}" rel="modulepreload" fetchpriority="low">`);
  const styles = page.styles.flatMap((href) => {
    const css = fs.readFileSync(path.join(webBuildDir, href), 'utf8');
    // Too large, or it would end the <style> element early: the app fetches it.
    if (Buffer.byteLength(css) > MAX_INLINE_STYLE_BYTES || /<\/style/i.test(css)) return [];
    return [`<style>${css}</style>`, `<link href="${href}" rel="stylesheet" disabled media="(max-width: 0)">`];
  });
  const added = [...preloads, ...styles];
  return added.length === 0 ? shell : shell.replace('</head>', `${added.join('\n')}\n</head>`);
}

function shellPage(html: string): ShellPage {
  return { html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
}
