/**
 * The app shell (the built index.html that every page address gets) with the scripts of
 * the page at that address added as low-priority preloads. The shell itself only preloads
 * the framework's start-up scripts, so without this a phone asks for the page's own
 * scripts only after those have arrived and run: one more round trip on a slow connection
 * before the page shows. The web build lists each page's scripts in route-modules.json
 * (web/adapter/route-modules.js); a build without that file gets the shell as built.
 *
 * Low priority, like the shell's own preloads: the brand bar the shell paints from its
 * HTML goes first.
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
  }),
);

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
      page = shellPage(withPreloads(shell, routes[index]!.modules));
      made.set(index, page);
    }
    return page;
  };
}

function readRouteModules(webBuildDir: string): { pattern: RegExp; modules: string[] }[] {
  const file = path.join(webBuildDir, ROUTE_MODULES_FILE);
  if (!fs.existsSync(file)) return [];
  return routeModulesSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).map((route) => ({
    pattern: new RegExp(route.pattern),
    modules: route.modules,
  }));
}

function withPreloads(shell: string, modules: string[]): string {
  if (modules.length === 0) return shell;
  const links = modules.map((href) => `<link href="${href}" rel="modulepreload" fetchpriority="low">`).join('\n');
  return shell.replace('</head>', `${links}\n</head>`);
}

function shellPage(html: string): ShellPage {
  return { html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
}
