/**
 * Serves the built SvelteKit SPA (adapter-static output) and answers every page address,
 * / included, with the app shell (index.html with that page's scripts preloaded, see
 * app-shell-page.ts), so a deep link such as /over works on first load too.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appShellPages, type ShellPage } from './app-shell-page.js';
import { isApiPath } from './api-paths.js';
import { cacheControlFor, REVALIDATE } from './cache-policy.js';

/** The app's own scripts and styles: one that is missing is a 404, not the app shell. */
const ASSETS_PREFIX = '/_app/';

export async function registerStaticFiles(app: FastifyInstance, webBuildDir: string): Promise<boolean> {
  const indexFile = path.join(webBuildDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn({ webBuildDir }, 'web app not built (run npm run build); serving the API only');
    registerNotFound(app, null);
    return false;
  }
  await app.register(fastifyStatic, {
    root: webBuildDir,
    // / is a page like any other: the shell, with the front page's scripts (below).
    index: false,
    // The build leaves a brotli copy beside each script and style (web/adapter/precompress.js).
    preCompressed: true,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (res, filePath) => {
      const relative = path.relative(webBuildDir, filePath).split(path.sep).join('/');
      res.header('Cache-Control', cacheControlFor(relative));
    },
  });
  const shellFor = appShellPages(webBuildDir);
  app.get('/', (request, reply) => sendShell(request, reply, shellFor('/')));
  registerNotFound(app, shellFor);
  return true;
}

function registerNotFound(app: FastifyInstance, shellFor: ((pathname: string) => ShellPage) | null): void {
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage =
      shellFor !== null &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApiPath(pathname) &&
      !pathname.startsWith(ASSETS_PREFIX) &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) return sendShell(request, reply, shellFor(pathname));
    return reply.code(404).send({ error: 'NOT_FOUND', message: 'Niet gevonden.' });
  });
}

function sendShell(request: FastifyRequest, reply: FastifyReply, page: ShellPage): FastifyReply {
  reply.header('Cache-Control', REVALIDATE).header('ETag', page.etag);
  if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.type('text/html; charset=utf-8').send(page.html);
}
