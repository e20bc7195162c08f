/**
 * The per-caller request budget on /graphql and /media is keyed on who the caller turned
 * out to be, not on what they sent: a made-up bearer token or session cookie counts
 * against the caller's IP, so a fresh random credential per request buys no fresh budget.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile, graphql } from '../support/test-app.js';

const LIMIT = 50;
const QUERY = '{ serverInfo { apiVersion } }';
/** Looks like a secret we issue (base64url of 32 bytes), so it is looked up, and is unknown. */
const randomSecret = () => randomBytes(32).toString('base64url');

describe('rate limit keyed on checked credentials', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture({ ...file.env, GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('counts a fresh random bearer token per request against the IP (/graphql)', async () => {
    let answered = 0;
    for (let i = 0; i < 120; i++) {
      const { status } = await graphql(fx.t.url, QUERY, undefined, { authorization: `Bearer ${randomSecret()}` });
      if (status !== 429) answered++;
    }
    expect(answered).toBe(LIMIT);
    // The IP's budget is spent: random cookies and no credentials at all are limited too.
    expect((await graphql(fx.t.url, QUERY, undefined, { cookie: `bk_session=${randomSecret()}` })).status).toBe(429);
    expect((await graphql(fx.t.url, QUERY)).status).toBe(429);
    // A credential that checks out has its own budget, separate from its IP's.
    expect((await graphql(fx.t.url, QUERY, undefined, fx.headers.participant)).status).toBe(200);
    expect((await graphql(fx.t.url, QUERY, undefined, fx.headers.coordinator)).status).toBe(200);
  });

  it('counts a fresh random bearer token or cookie per request against the IP (/media)', async () => {
    let answered = 0;
    for (let i = 0; i < 120; i++) {
      const credential: Record<string, string> = i % 2 === 0 ? { authorization: `Bearer ${randomSecret()}` } : { cookie: `bk_session=${randomSecret()}` };
      const response = await fetch(`${fx.t.url}/media/${uuidv7()}`, { headers: credential });
      await response.arrayBuffer();
      if (response.status !== 429) answered++;
    }
    expect(answered).toBeLessThanOrEqual(LIMIT);
    const limited = await fetch(`${fx.t.url}/media/${uuidv7()}`, { headers: { authorization: `Bearer ${randomSecret()}` } });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // The schouwer's own budget is untouched: their request is answered (not found, not limited).
    expect((await fetch(`${fx.t.url}/media/${uuidv7()}`, { headers: fx.headers.schouwer })).status).toBe(404);
  });
});
