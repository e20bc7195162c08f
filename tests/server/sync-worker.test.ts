/**
 * Sync batches run in a worker thread with their own database connection, beside the main
 * thread's writes. Both keep working at once: no "database is locked" for either, every
 * batch applied once, and a bad batch is refused with its own code as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { demoCoordinator, gqlAt } from '../e2e/support/staff-api.js';

const gql = async (url: string, query: string, variables: unknown = {}, headers: Record<string, string> = {}) => (await gqlAt(url, query, variables, headers)).body;

describe('sync in a worker thread', () => {
  let server: ServerProcess;
  let dir: string;
  let cookie: Record<string, string>;
  /** The demo tegelwip campaign with its days and streets. */
  let campaign: any;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-sync-worker-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'x.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' });
    cookie = { cookie: (await demoCoordinator(server)).cookie };
    const campaigns = await gql(server.url, '{ campaigns { edges { node { id kind days { id } neighbourhood { streets { edges { node { id } } } } } } } }', {}, cookie);
    campaign = campaigns.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'TEGELWIPPEN');
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies batches while the main thread writes too, without either being refused', async () => {
    const streets: string[] = campaign.neighbourhood.streets.edges.map((e: any) => e.node.id);

    const device = new TestDevice();
    const batches = Array.from({ length: 30 }, (_, b) => Array.from({ length: 200 }, (_, i) => device.tally(campaign.id, campaign.days[0].id, streets[(b + i) % streets.length]!, 1)));
    const pushing = (async () => {
      const statuses: string[] = [];
      for (const batch of batches) {
        const answer = await gql(server.url, SYNC, device.input(batch, null, campaign.id), cookie);
        statuses.push(...(answer.data?.sync.results.map((r: any) => r.status) ?? [JSON.stringify(answer.errors)]));
      }
      return statuses;
    })();
    // Meanwhile: main-thread transactions that read, then write (invites for the same campaign).
    const invites = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 15));
        return gql(server.url, 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }', { input: { campaignId: campaign.id, label: `poster ${i}` } }, cookie);
      }),
    );
    const statuses = await pushing;

    expect(invites.filter((answer) => !answer.data?.createParticipantInvite.code).map((answer) => JSON.stringify(answer.errors))).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set(['APPLIED']));
    expect(statuses).toHaveLength(6000);
    const dashboard = await gql(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { entries areaCm2 } } }', { id: campaign.id }, cookie);
    expect(dashboard.data.tallyDashboard.total).toEqual({ entries: 6000, areaCm2: 6000 * 900 });
  });

  it('answers phones that sync at once (batches sharing a transaction) each on its own: every entry once, a refusal alone', async () => {
    const street = campaign.neighbourhood.streets.edges[0].node.id;
    const before = (await gql(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { entries } } }', { id: campaign.id }, cookie)).data.tallyDashboard.total.entries;

    const phones = Array.from({ length: 4 }, () => new TestDevice());
    const push = (phone: TestDevice, batch: ReturnType<TestDevice['tally']>[], campaignId = campaign.id) => gql(server.url, SYNC, phone.input(batch, null, campaignId), cookie);
    const answers = await Promise.all(
      phones.map(async (phone) => {
        const statuses: string[] = [];
        for (let b = 0; b < 8; b++) {
          const batch = Array.from({ length: 50 }, () => phone.tally(campaign.id, campaign.days[0].id, street, 1));
          // Each batch twice at once: a retry that overtakes its own answer.
          for (const answer of await Promise.all([push(phone, batch), push(phone, batch)])) statuses.push(...answer.data.sync.results.map((r: any) => r.status));
        }
        return statuses;
      }),
    );
    const refused = await Promise.all([push(new TestDevice(), [], '01a21ef4-0000-7000-8000-000000000000'), push(phones[0]!, [])]);

    for (const statuses of answers) expect(statuses.filter((s) => s === 'APPLIED').length).toBe(400);
    for (const statuses of answers) expect(statuses.filter((s) => s === 'DUPLICATE').length).toBe(400);
    expect(refused[0].errors[0].extensions.code).toBe('NOT_FOUND');
    expect(refused[1].data.sync.lastSeq).toBe(400);
    const after = (await gql(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { entries } } }', { id: campaign.id }, cookie)).data.tallyDashboard.total.entries;
    expect(after - before).toBe(4 * 8 * 50);
  });

  it('refuses a batch the way the service does, with its own code and Dutch message', async () => {
    const device = new TestDevice();
    const answer = await gql(server.url, SYNC, device.input([device.tally('00000000-0000-7000-8000-000000000000', 'x', 'y', 1)]));
    expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknownCampaign = await gql(server.url, SYNC, device.input([], null, '01a21ef4-0000-7000-8000-000000000000'), cookie);
    expect(unknownCampaign.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(unknownCampaign.errors[0].message).toMatch(/bestaat niet/);
  });
});
