/**
 * The built web app (web/build, made by `npm test` and `npm start` before anything runs)
 * is a production build, whatever NODE_ENV the build ran with: the README's default for
 * the server is `development`, and a development build never registers the service
 * worker, so the installed app would not open offline. `npm test` builds with
 * NODE_ENV=development on purpose, so that this test sees that case. Its shell is the one
 * lib/pwa/app-shell.ts makes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const build = path.resolve(import.meta.dirname, '../../../web/build');

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

  it('starts from the shell made for slow connections: module preloads at low priority, the app started in a task of its own', () => {
    const html = fs.readFileSync(path.join(build, 'index.html'), 'utf8');
    const preloads = html.match(/<link[^>]*rel="modulepreload"[^>]*>/g) ?? [];
    expect(preloads.length).toBeGreaterThan(0);
    expect(preloads.filter((link) => !link.includes('fetchpriority="low"'))).toEqual([]);
    expect(html).toContain('setTimeout(() => kit.start(app, element));');
  });
});
