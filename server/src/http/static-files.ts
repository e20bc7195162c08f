/**
 * Serves the built SvelteKit SPA (adapter-static output) and falls back to index.html
 * for client-side routes, so a deep link such as /over works on first load too.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isApiPath } from './api-paths.js';
import { cacheControlFor, REVALIDATE } from './cache-policy.js';

/** The app's own scripts and styles: one that is missing is a 404, not the app shell. */
const ASSETS_PREFIX = '/_app/';

export async function registerStaticFiles(app: FastifyInstance, webBuildDir: string): Promise<boolean> {
  const indexFile = path.join(webBuildDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn({ webBuildDir }, 'web app not built (run npm run build); serving the API only');
    registerNotFound(app, false);
    return false;
  }
  await app.register(fastifyStatic, {
    root: webBuildDir,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (res, filePath) => {
      const relative = path.relative(webBuildDir, filePath).split(path.sep).join('/');
      res.header('Cache-Control', cacheControlFor(relative));
    },
  });
  registerNotFound(app, true);
  return true;
}

function registerNotFound(app: FastifyInstance, hasShell: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage =
      hasShell &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApiPath(pathname) &&
      !pathname.startsWith(ASSETS_PREFIX) &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) {
      return reply.header('Cache-Control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'NOT_FOUND', message: 'Niet gevonden.' });
  });
}
