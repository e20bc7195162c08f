/**
 * The built web app (web/build, made by `npm test` and `npm start` before anything runs)
 * is a production build, whatever NODE_ENV the build ran with: the README's default for
 * the server is `development`, and a development build never registers the service
 * worker, so the installed app would not open offline. `npm test` builds with
 * NODE_ENV=development on purpose, so that this test sees that case. Its shell is the one
 * lib/pwa/app-shell.ts makes; web/adapter/ adds each page's scripts, compile hints and
 * brotli copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT } from '../../../web/adapter/compile-hints.js';

const build = path.resolve(import.meta.dirname, '../../../web/build');

const shell = () => fs.readFileSync(path.join(build, 'index.html'), 'utf8');
const shellPreloads = () => [...shell().matchAll(/<link href="([^"]+)" rel="modulepreload"/g)].map((match) => match[1]!);

/** The scripts the server preloads for a page address (server/src/http/app-shell-page.ts). */
function pageModules(pathname: string): string[] {
  const routes = JSON.parse(fs.readFileSync(path.join(build, 'route-modules.json'), 'utf8')) as { pattern: string; modules: string[] }[];
  const route = routes.find((candidate) => new RegExp(candidate.pattern).test(pathname));
  if (!route) throw new Error(`no page for ${pathname} in route-modules.json`);
  return route.modules;
}

function clientScripts(): { name: string; code: string }[] {
  const dir = path.join(build, '_app');
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, code: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

describe('the web build', () => {
  it('exists (run `npm run build -w web` first)', () => {
    expect(fs.existsSync(path.join(build, 'index.html'))).toBe(true);
    expect(fs.existsSync(path.join(build, 'service-worker.js'))).toBe(true);
  });

  it('registers the service worker (the root layout does so only in a production build)', () => {
    // AppUpdate.register() is called without arguments only from the root layout.
    expect(clientScripts().filter((s) => s.code.includes('.register()')).length).toBeGreaterThan(0);
  });

  it('has no Svelte development code (components tagged with their source file)', () => {
    expect(clientScripts().filter((s) => /src\/routes\/[^`'"]*\.svelte[`'"]/.test(s.code)).map((s) => s.name)).toEqual([]);
  });

  it('starts from the shell made for slow connections: module preloads at low priority, the start in steps a task apart', () => {
    const html = fs.readFileSync(path.join(build, 'index.html'), 'utf8');
    const preloads = html.match(/<link[^>]*rel="modulepreload"[^>]*>/g) ?? [];
    expect(preloads.length).toBeGreaterThan(0);
    expect(preloads.filter((link) => !link.includes('fetchpriority="low"'))).toEqual([]);
    expect(html).toContain('new Promise((next) => setTimeout(next)).then(() => import(');
    expect(html).toContain('setTimeout(() => kit.start(app, element));');
  });

  it("lists each page's own scripts beside the shell, none of them one the shell already preloads", () => {
    const preloaded = new Set(shellPreloads());
    for (const pathname of ['/voortgang/01a2-b3', '/tellen', '/meedoen/ABC123', '/beheer/campagnes/x/dashboard']) {
      const modules = pageModules(pathname);
      expect(modules.some((file) => file.startsWith('/_app/immutable/nodes/')), pathname).toBe(true);
      expect(modules.filter((file) => preloaded.has(file)), pathname).toEqual([]);
      expect(modules.filter((file) => !fs.existsSync(path.join(build, file))), pathname).toEqual([]);
    }
    // The progress page and the counter are different pages with different scripts.
    expect(pageModules('/voortgang/01a2-b3')).not.toEqual(pageModules('/tellen'));
  });

  it('opens a field page on a first visit with at most 20 scripts', () => {
    // Left to itself the bundler split the shared code into files of a few hundred bytes:
    // the progress page needed 33 scripts (see the code splitting in web/vite.config.ts).
    for (const pathname of ['/voortgang/01a2-b3', '/tellen', '/meedoen/ABC123']) {
      expect(shellPreloads().length + pageModules(pathname).length, pathname).toBeLessThanOrEqual(20);
    }
    // Svelte would add a module to every page that only records its version on window.
    expect(clientScripts().filter((s) => s.code.includes('(window.__svelte??={}).v')).map((s) => s.name)).toEqual([]);
  });

  it("asks Chrome to compile every script while it loads: the hint is its first line, above Vite's preload helper", () => {
    const scripts = clientScripts();
    expect(scripts.length).toBeGreaterThan(10);
    expect(scripts.filter((s) => !s.code.startsWith(`${COMPILE_HINT}\n`)).map((s) => s.name)).toEqual([]);
  });

  it('keeps a brotli copy of each script and style over 1 KB that decodes to the file', () => {
    const dir = path.join(build, '_app/immutable');
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((name) => /\.(js|css)$/.test(name) && fs.statSync(path.join(dir, name)).size >= 1024);
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) {
      const copy = path.join(dir, `${name}.br`);
      expect(fs.existsSync(copy), name).toBe(true);
      expect(zlib.brotliDecompressSync(fs.readFileSync(copy)).equals(fs.readFileSync(path.join(dir, name))), name).toBe(true);
    }
  });

  it('writes the brand mark into the shell instead of fetching it', () => {
    const html = shell();
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+"/);
    expect(html).toMatch(/<img src="data:image\/svg\+xml,[^"]+" alt=""/);
    expect(html).not.toContain('/icons/icon.svg');
    expect(html).not.toContain('%brand.icon%');
    expect(clientScripts().filter((s) => s.code.includes('/icons/icon.svg')).map((s) => s.name)).toEqual([]);
  });
});
