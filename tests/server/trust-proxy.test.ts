/**
 * Behind a reverse proxy every request arrives from the proxy's address. TRUST_PROXY names
 * the proxies whose X-Forwarded-For counts, so each resident keeps a per-IP budget of their
 * own; without it the header is ignored, so nobody can pick a fresh address per request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, graphql, startTestApp, type TestApp } from '../support/test-app.js';

const LIMIT = 5;
const QUERY = '{ serverInfo { apiVersion } }';

describe('TRUST_PROXY', () => {
  let file: ReturnType<typeof databaseFile>;
  let app: TestApp | undefined;
  beforeEach(() => {
    file = databaseFile();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    file.remove();
  });

  /** How many of `count` requests, each claiming another client address, were answered. */
  async function answeredWithForwardedAddresses(count: number): Promise<number> {
    let answered = 0;
    for (let i = 0; i < count; i++) {
      const { status } = await graphql(app!.url, QUERY, undefined, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      if (status === 200) answered++;
    }
    return answered;
  }

  it('ignores X-Forwarded-For when unset: every request counts against the socket address', async () => {
    app = await startTestApp({ ...file.env, GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    expect(await answeredWithForwardedAddresses(LIMIT * 2)).toBe(LIMIT);
  });

  it('gives each forwarded client address its own budget behind a trusted proxy on loopback', async () => {
    app = await startTestApp({ ...file.env, GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' });
    expect(await answeredWithForwardedAddresses(LIMIT * 2)).toBe(LIMIT * 2);
    // One client address is still limited on its own.
    let answered = 0;
    for (let i = 0; i < LIMIT * 2; i++) {
      if ((await graphql(app.url, QUERY, undefined, { 'x-forwarded-for': '198.51.100.9' })).status === 200) answered++;
    }
    expect(answered).toBe(LIMIT);
  });

  it('does not believe a proxy it was not told about', async () => {
    app = await startTestApp({ ...file.env, GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '10.0.0.0/8' });
    expect(await answeredWithForwardedAddresses(LIMIT * 2)).toBe(LIMIT);
  });
});
