/**
 * The personal link of a sign-up: /aanmelding#<secret>. The secret stays in the fragment,
 * which a browser never sends to a server, so it reaches no access log and no Referer
 * header; the page reads it in the browser and sends it only in a GraphQL request's body.
 */

/** The path of the personal page, without its secret. */
export const PERSONAL_PAGE = '/aanmelding';

// The server makes the secret from random bytes in base64url; anything else is no link of
// ours (a mangled copy, a guess) and is not worth a request that counts as a failure.
const SECRET = /^[A-Za-z0-9_-]{16,200}$/;

/** The secret in a location's fragment ("#abc…"), or null when there is none or it cannot be one. */
export function secretFromFragment(hash: string): string | null {
  let text = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    text = decodeURIComponent(text);
  } catch {
    return null;
  }
  // A messenger app sometimes glues a full stop or a space to a link it shortens.
  text = text.trim().replace(/[.,;:!?)]+$/, '');
  return SECRET.test(text) ? text : null;
}

/** The full personal link, to keep, share with yourself, or scan on the day. */
export function personalLink(origin: string, secret: string): string {
  return `${origin}${PERSONAL_PAGE}#${secret}`;
}
