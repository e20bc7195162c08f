/**
 * The unauthenticated endpoints that do work per request have a per-IP budget
 * (http/per-ip-rate-limit.ts): GET /readyz, and GET /metrics with a wrong token on the app
 * port. A probe every few seconds never meets it; a flood gets 429 with Retry-After, for
 * that IP only; /healthz and scrapes with the right token are never limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_RATE_LIMIT_PER_MINUTE } from '../../server/src/http/per-ip-rate-limit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

describe('per-IP budget of /readyz and a refused /metrics', () => {
  let t: TestApp;
  // Behind a trusted proxy (loopback), X-Forwarded-For chooses the caller's IP.
  const from = (ip: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': ip, ...headers } });
  const statuses = (path: string, count: number, init: RequestInit) =>
    Promise.all(Array.from({ length: count }, () => fetch(`${t.url}${path}`, init).then(async (r) => (await r.arrayBuffer(), r.status))));

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN, TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('answers /readyz up to the budget, then 429 with Retry-After to that IP only; /healthz stays open', async () => {
    expect(new Set(await statuses('/readyz', PROBE_RATE_LIMIT_PER_MINUTE, from('203.0.113.1')))).toEqual(new Set([200]));
    const refused = await fetch(`${t.url}/readyz`, from('203.0.113.1'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await fetch(`${t.url}/readyz`, from('203.0.113.2'))).status).toBe(200);
    expect(new Set(await statuses('/healthz', 20, from('203.0.113.1')))).toEqual(new Set([200]));
  });

  it('refuses wrong metrics tokens up to the budget, then 429; the right token is always served', async () => {
    const wrong = from('203.0.113.3', { authorization: 'Bearer not-the-token-but-long-enough' });
    expect(new Set(await statuses('/metrics', PROBE_RATE_LIMIT_PER_MINUTE, wrong))).toEqual(new Set([401]));
    expect((await fetch(`${t.url}/metrics`, wrong)).status).toBe(429);
    // Scrapes with the token neither count nor wait, from the same IP.
    expect(new Set(await statuses('/metrics', 5, from('203.0.113.3', { authorization: `Bearer ${TOKEN}` })))).toEqual(new Set([200]));
    expect((await fetch(`${t.url}/metrics`, from('203.0.113.4'))).status).toBe(401);
  });
});
