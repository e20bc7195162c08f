/**
 * Kill the server (SIGKILL) in the middle of applying sync batches from several devices,
 * start it again on the same database: every acknowledged entry is there, no batch is
 * half there, entries that were sent but not yet committed are gone (so the kill really
 * landed mid-ingest), and resending what was not acknowledged converges to exactly the
 * events the devices made.
 *
 * To be sure of "mid-ingest", the test freezes the server (SIGSTOP) once some batches were
 * acknowledged, and kills it only while a write transaction is open and a batch it was
 * sent is not visible yet; otherwise it lets it run on (SIGCONT) and looks again. A kill
 * during the last moments of a commit can still keep every batch that was sent; then the
 * round proves nothing and the server is started and killed again.
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

const DEVICES = 4;
const BATCHES_PER_DEVICE = 15;
const ENTRIES_PER_BATCH = 50;
const ATTEMPTS = 5;

interface Phone {
  device: TestDevice;
  batches: OutboxEntry[][];
  /** Index of the first batch not acknowledged yet; batches go out in order. */
  next: number;
  /** The batch whose request is out, if any. */
  inFlight: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const idsOf = (batch: OutboxEntry[]) => batch.map((e) => (e.args as { id: string }).id);

function storedCount(sqlite: SQLite.Database, batch: OutboxEntry[]): number {
  const ids = idsOf(batch);
  return (sqlite.prepare(`select count(*) as n from tally_event where id in (${ids.map(() => '?').join(',')})`).get(...ids) as { n: number }).n;
}

/** True while another connection holds the write lock (a transaction is being applied). */
function writerBusy(observer: SQLite.Database): boolean {
  try {
    observer.exec('begin immediate');
    observer.exec('rollback');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  }
}

describe('sync across a server crash', () => {
  let dir: string;
  let databasePath: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-crash-'));
    databasePath = path.join(dir, 'crash.db');
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGCONT');
    await server?.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Up to ATTEMPTS restarts of a real server process, each a few seconds on a busy machine.
  it('kills mid-ingest, keeps every acknowledged entry, loses the uncommitted ones whole, and converges after resending', { timeout: 120_000 }, async () => {
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

    const phones: Phone[] = Array.from({ length: DEVICES }, (_, p) => {
      const device = new TestDevice();
      const batches = Array.from({ length: BATCHES_PER_DEVICE }, (_, b) =>
        Array.from({ length: ENTRIES_PER_BATCH }, (_, i) => device.tally(campaign.id, campaign.days[(p + b) % 2].id, streets[(p + b + i) % streets.length], 1 + ((p + b + i) % 7))),
      );
      return { device, batches, next: 0, inFlight: null };
    });
    const acknowledged = () => phones.reduce((sum, phone) => sum + phone.next, 0);
    /** Sends a phone's batches one after the other until all are acknowledged or the server is gone. */
    const push = async (phone: Phone, url: string) => {
      while (phone.next < phone.batches.length) {
        phone.inFlight = phone.next;
        let body: any;
        try {
          ({ body } = await gql(url, SYNC, phone.device.input(phone.batches[phone.next]!), auth));
        } catch {
          return; // the server is gone
        }
        const statuses = body.data?.sync.results.map((r: any) => r.status);
        if (!statuses?.every((s: string) => s === 'APPLIED' || s === 'DUPLICATE')) throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
        phone.inFlight = null;
        phone.next++;
      }
    };

    let landedMidIngest = false;
    for (let attempt = 1; attempt <= ATTEMPTS && !landedMidIngest; attempt++) {
      if (attempt > 1) server = await startServer(env);
      const running = server!;
      const observer = new SQLite(databasePath, { fileMustExist: true, timeout: 0 });
      const ackedBefore = acknowledged();
      const pushing = Promise.all(phones.map((phone) => push(phone, running.url)));
      let pushed = false;
      void pushing.finally(() => (pushed = true)).catch(() => {});

      // Wait for progress, then freeze the server until a kill would interrupt a batch.
      let sentAtKill: OutboxEntry[][] = [];
      try {
        while (acknowledged() < ackedBefore + 2 * DEVICES) {
          if (pushed) throw new Error('every batch was acknowledged before the kill');
          await sleep(1);
        }
        for (;;) {
          if (pushed) throw new Error('every batch was acknowledged before a kill could land mid-ingest');
          running.child.kill('SIGSTOP');
          const sent = phones.filter((p) => p.inFlight !== null).map((p) => p.batches[p.inFlight!]!);
          if (writerBusy(observer) && sent.some((batch) => storedCount(observer, batch) === 0)) {
            sentAtKill = sent;
            running.child.kill('SIGKILL');
            break;
          }
          running.child.kill('SIGCONT');
          await sleep(1 + Math.random() * 3);
        }
        await running.stop('SIGKILL');
        await pushing;
      } finally {
        observer.close();
      }

      // The database as the restarted server will find it.
      const afterCrash = new SQLite(databasePath, { readonly: true });
      try {
        for (const [p, phone] of phones.entries()) {
          for (const [b, batch] of phone.batches.entries()) {
            const count = storedCount(afterCrash, batch);
            if (b < phone.next) expect(count, `acknowledged batch ${b} of phone ${p}`).toBe(ENTRIES_PER_BATCH);
            expect([0, ENTRIES_PER_BATCH], `batch ${b} of phone ${p} is all or nothing`).toContain(count);
          }
        }
        // Sent, not acknowledged, and not there: the kill came before these were committed.
        landedMidIngest = sentAtKill.some((batch) => storedCount(afterCrash, batch) === 0);
      } finally {
        afterCrash.close();
      }
    }
    expect(landedMidIngest, `no kill in ${ATTEMPTS} attempts landed before a sent batch was committed`).toBe(true);
    expect(acknowledged()).toBeLessThan(DEVICES * BATCHES_PER_DEVICE);

    server = await startServer(env);
    await Promise.all(phones.map((phone) => push(phone, server!.url)));
    expect(acknowledged()).toBe(DEVICES * BATCHES_PER_DEVICE);
    const all = phones.flatMap((phone) => phone.batches.flat());
    const expected = all.reduce((sum, e) => sum + (e.args as { count: number }).count * 900, 0);
    const dashboard = await gql(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 entries } } }', { id: campaign.id }, { cookie });
    expect(dashboard.body.data.tallyDashboard.total).toEqual({ areaCm2: expected, entries: all.length });
  });
});
