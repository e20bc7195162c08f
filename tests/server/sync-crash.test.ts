/**
 * Kill the server (SIGKILL) while devices push batches, start it again on the same
 * database: every acknowledged entry is there, no batch is half there, and resending
 * what was not acknowledged converges to exactly the events the devices made.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { SYNC, TestDevice, type OutboxEntry } from '../support/sync-client.js';

async function gql(url: string, query: string, variables: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { response, body: (await response.json()) as any };
}

describe('sync across a server crash', () => {
  let dir: string;
  let databasePath: string;
  let server: ServerProcess;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-crash-'));
    databasePath = path.join(dir, 'crash.db');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged entry, shows no partial batch, and converges after resending', async () => {
    const env = { DATABASE_PATH: databasePath, MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' };
    server = await startServer(env);
    const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(server.output())!;
    const login = await gql(server.url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email, password } });
    const cookie = login.response.headers.getSetCookie()[0]!.split(';')[0]!;
    const campaigns = await gql(server.url, '{ campaigns { edges { node { id kind days { id } neighbourhood { streets { edges { node { id } } } } } } } }', {}, { cookie });
    const campaign = campaigns.body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'TEGELWIPPEN');
    const invite = await gql(server.url, 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }', { input: { campaignId: campaign.id } }, { cookie });
    const join = await gql(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code: invite.body.data.createParticipantInvite.code, displayName: 'Teller', contactConsent: false, showNameInRankings: false } });
    const auth = { authorization: `Bearer ${join.body.data.joinCampaign.token}` };
    const streets = campaign.neighbourhood.streets.edges.map((e: any) => e.node.id);

    const device = new TestDevice();
    const batches: OutboxEntry[][] = Array.from({ length: 40 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => device.tally(campaign.id, campaign.days[b % 2].id, streets[(b + i) % streets.length], 1 + ((b + i) % 7))),
    );
    const acknowledged = new Set<number>();
    let next = 0;
    const pushing = (async () => {
      for (; next < batches.length; next++) {
        try {
          const { body } = await gql(server.url, SYNC, device.input(batches[next]!), auth);
          if (body.data?.sync.results.every((r: any) => r.status === 'APPLIED')) acknowledged.add(next);
        } catch {
          return; // the server is gone
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 500));
    await server.stop('SIGKILL');
    await pushing;

    const present = (sqlite: SQLite.Database, batch: OutboxEntry[]) => {
      const ids = batch.map((e) => (e.args as { id: string }).id);
      return (sqlite.prepare(`select count(*) as n from tally_event where id in (${ids.map(() => '?').join(',')})`).get(...ids) as { n: number }).n;
    };
    const afterCrash = new SQLite(databasePath, { readonly: true });
    try {
      for (const [index, batch] of batches.entries()) {
        const count = present(afterCrash, batch);
        if (acknowledged.has(index)) expect(count, `batch ${index}`).toBe(50);
        expect([0, 50], `batch ${index} is all or nothing`).toContain(count);
      }
    } finally {
      afterCrash.close();
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    server = await startServer(env);
    for (const [index, batch] of batches.entries()) {
      if (acknowledged.has(index)) continue;
      const { body } = await gql(server.url, SYNC, device.input(batch), auth);
      expect(body.data.sync.results.every((r: any) => r.status === 'APPLIED' || r.status === 'DUPLICATE')).toBe(true);
    }
    const expected = batches.flat().reduce((sum, e) => sum + (e.args as { count: number }).count * 900, 0);
    const dashboard = await gql(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 entries } } }', { id: campaign.id }, { cookie });
    expect(dashboard.body.data.tallyDashboard.total).toEqual({ areaCm2: expected, entries: 2000 });
  });
});
