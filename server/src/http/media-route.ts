/**
 * PUT /media/:id — photo upload (body: the image bytes, header `sha256`: their hex hash);
 * GET /media/:id?size=thumb|display — the stored photo, for those who may see it.
 * Outside GraphQL so bytes travel as bytes; authorized like /graphql. The bytes live in
 * the photo store this registers once per app (MEDIA_DIR, or the S3 bucket of S3_BUCKET)
 * and closes with it.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { ErrorCode } from '../domain-error.js';
import { maySeeMedia } from '../modules/media/media-access.service.js';
import { storeUpload } from '../modules/media/media.service.js';
import { createPhotoStore } from '../modules/media/photo-store-from-config.js';
import type { MediaSize } from '../modules/media/photo-store.js';
import { graphqlRateLimit } from './security.js';
import { resolveViewer } from './viewer-resolver.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256Hex = /^[0-9a-f]{64}$/i;

const problem = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * Awaited by the server, so that a photo store that cannot be used (check(): a wrong bucket,
 * refused credentials) fails the start with its message rather than every upload later.
 */
export async function registerMediaRoutes(app: FastifyInstance, deps: { config: Config; db: Db; auth: AuthSettings }): Promise<void> {
  const rateLimit = graphqlRateLimit(deps.config, (request) => resolveViewer(request, deps.db, deps.auth));
  // Any Content-Type is read as bytes here: the first bytes decide what a file is.
  await app.register(async (scope) => {
    const photos = await createPhotoStore(deps.config);
    try {
      await photos.check();
    } catch (error) {
      await photos.close();
      throw error;
    }
    scope.addHook('onClose', () => photos.close());
    scope.log.info({ photos: photos.location }, `photos stored in ${photos.location}`);
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.maxUploadBytes }, (_request, body, done) => done(null, body));

    scope.put<{ Params: { id: string } }>('/media/:id', { bodyLimit: deps.config.maxUploadBytes, config: { rateLimit } }, async (request, reply) => {
      const viewer = await resolveViewer(request, deps.db, deps.auth);
      if (viewer.kind === 'anonymous') return reply.code(401).send(problem(ErrorCode.UNAUTHENTICATED, 'Meld je aan om foto’s te versturen.'));
      const { id } = request.params;
      const sha256 = String(request.headers.sha256 ?? '');
      if (!uuid.test(id)) return reply.code(400).send(problem(ErrorCode.BAD_USER_INPUT, 'Ongeldig foto-id.'));
      if (!sha256Hex.test(sha256)) return reply.code(400).send(problem(ErrorCode.BAD_USER_INPUT, 'Stuur de SHA-256 van de foto mee in de kop "sha256".'));
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) return reply.code(400).send(problem(ErrorCode.BAD_USER_INPUT, 'De foto is leeg.'));
      const outcome = await storeUpload(deps.db, photos, viewer, { id, sha256, bytes });
      switch (outcome.kind) {
        case 'stored':
        case 'already-stored':
          request.log.info({ mediaId: id, bytes: bytes.length, outcome: outcome.kind }, 'photo upload');
          return reply.code(outcome.kind === 'stored' ? 201 : 200).send({ id: outcome.id, sha256: outcome.sha256, width: outcome.width, height: outcome.height });
        case 'hash-mismatch':
          return reply.code(400).send(problem('HASH_MISMATCH', 'De foto is onderweg beschadigd. De app probeert het opnieuw.'));
        case 'heic':
          return reply.code(415).send(problem('UNSUPPORTED_MEDIA_TYPE', 'HEIC-foto’s worden niet ondersteund; gebruik JPEG, PNG of WebP.'));
        case 'unsupported-type':
          return reply.code(415).send(problem('UNSUPPORTED_MEDIA_TYPE', 'Dit is geen foto (alleen JPEG, PNG of WebP).'));
        case 'unreadable':
          return reply.code(415).send(problem('UNSUPPORTED_MEDIA_TYPE', 'Deze foto kan niet worden gelezen.'));
        case 'conflict':
          return reply.code(409).send(problem(ErrorCode.CONFLICT, 'Onder dit id staat al een andere foto.'));
        case 'not-allowed':
          return reply.code(404).send(problem(ErrorCode.NOT_FOUND, 'Niet gevonden.'));
      }
    });

    scope.get<{ Params: { id: string }; Querystring: { size?: string } }>('/media/:id', { config: { rateLimit } }, async (request, reply) => {
      const viewer = await resolveViewer(request, deps.db, deps.auth);
      const { id } = request.params;
      const size: MediaSize = request.query.size === 'thumb' ? 'thumb' : 'display';
      if (!uuid.test(id) || !(await maySeeMedia(deps.db, viewer, id))) {
        return reply.code(viewer.kind === 'anonymous' ? 401 : 404).send(problem(viewer.kind === 'anonymous' ? ErrorCode.UNAUTHENTICATED : ErrorCode.NOT_FOUND, 'Niet gevonden.'));
      }
      const photo = await photos.get(id, size);
      if (!photo) {
        // Its row exists (maySeeMedia found it), so its bytes were stored once: a damaged disk or bucket.
        request.log.warn({ mediaId: id, size, photos: photos.location }, 'photo has a row but no stored bytes');
        return reply.code(404).send(problem(ErrorCode.NOT_FOUND, 'Niet gevonden.'));
      }
      return reply
        .header('Content-Type', 'image/jpeg')
        // A photo never changes under its id, but one seen without signing in is public only
        // while a coordinator keeps it on the public results: such a copy is not kept.
        .header('Cache-Control', viewer.kind === 'anonymous' ? 'no-store' : 'private, max-age=31536000, immutable')
        .header('Content-Disposition', 'inline')
        .send(photo);
    });
  });
}
