/**
 * Compressed answers (br, else gzip) for what compresses well: the web app's scripts,
 * styles and pages, the manifest, JSON and GraphQL answers, CSV exports. A phone on a
 * weak signal loads the counter's 148 KB script as about 45 KB. Photos are JPEG already
 * and are sent as they are; answers under 1 KB are not worth the work.
 *
 * Brotli runs at quality 4: close to gzip's speed with a smaller result, so answers made
 * per request (GraphQL, the sync answer) cost little CPU. Request bodies are never
 * decompressed here: uploads and sync batches are read as sent, within their limits.
 */
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** text/*, JSON (also application/graphql-response+json, geo+json, manifest+json), JavaScript, SVG. Not octet-stream or images. */
export const compressibleTypes = /^text\/(?!event-stream)|^application\/(?:javascript|json|xml)(?:;|$)|\+json(?:;|$)|^image\/svg\+xml(?:;|$)/u;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: compressibleTypes,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } },
  });
}
