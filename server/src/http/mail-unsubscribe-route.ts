/**
 * GET and POST /mail/afmelden/:token, the unsubscribe link of residents' e-mail
 * (List-Unsubscribe). GET only shows a page with a button, because link scanners and mail
 * previews open links by themselves; POST (that button, or the mail app's one-click
 * unsubscribe of RFC 8058) unsubscribes. No sign-in: the token is the credential; unknown
 * tokens count against the caller's IP.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Db } from '../db/database.js';
import { UNSUBSCRIBE_PATH_PREFIX } from '../modules/mail/mail-message.js';
import { describeUnsubscribeLink, unsubscribe, type UnsubscribeLookup } from '../modules/mail/mail-unsubscribe.service.js';
import { confirmPage, donePage, tooManyPage, unknownLinkPage } from './mail-unsubscribe-page.js';

export const UNSUBSCRIBE_PATH = `${UNSUBSCRIBE_PATH_PREFIX}/:token`;

function send(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex').send(html);
}

/** The unknown and rate-limited answers, the same for GET and POST. */
function sendProblem(reply: FastifyReply, result: Exclude<UnsubscribeLookup, { kind: 'found' }>) {
  if (result.kind === 'limited') return send(reply.header('Retry-After', String(result.retryAfterSeconds)), 429, tooManyPage(result.retryAfterSeconds));
  return send(reply, 404, unknownLinkPage());
}

export async function registerMailUnsubscribeRoutes(app: FastifyInstance, deps: { db: Db; auth: AuthSettings }): Promise<void> {
  await app.register(async (scope) => {
    // Browsers post an empty form and mail apps "List-Unsubscribe=One-Click" (urlencoded or
    // multipart); the request itself is the answer, so any small body is read and ignored.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 4096 }, (_request, _body, done) => done(null, null));

    scope.get<{ Params: { token: string } }>(UNSUBSCRIBE_PATH, async (request, reply) => {
      const result = await describeUnsubscribeLink(deps.db, deps.auth, request.params.token, request.ip);
      if (result.kind !== 'found') return sendProblem(reply, result);
      const html = result.link.subscribed ? confirmPage(result.link.campaignName, `${UNSUBSCRIBE_PATH_PREFIX}/${request.params.token}`) : donePage(result.link.campaignName, false);
      return send(reply, 200, html);
    });

    scope.post<{ Params: { token: string } }>(UNSUBSCRIBE_PATH, async (request, reply) => {
      const result = await unsubscribe(deps.db, deps.auth, { token: request.params.token, clientIp: request.ip, requestId: request.id });
      if (result.kind !== 'found') return sendProblem(reply, result);
      return send(reply, 200, donePage(result.link.campaignName, true));
    });
  });
}
