/** Cursor pagination of newest-first lists: forward and backward, no gaps, no repeats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../server/src/modules/campaign/campaign.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

describe('newest-first pagination', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
    for (let i = 0; i < 5; i++) {
      await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: `Schouw ${i}`, requestId: 't' });
    }
  });
  afterAll(() => fx.t.close());

  const page = async (args: string) =>
    (await fx.query('admin', `{ campaigns(${args}) { edges { node { name createdAt } cursor } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }`)).body.data.campaigns;

  it('walks forward two at a time through the whole list, newest first', async () => {
    const all = (await page('first: 100')).edges.map((e: any) => e.node);
    expect(all.map((n: any) => n.createdAt)).toEqual([...all.map((n: any) => n.createdAt)].sort().reverse());
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const current: any = await page(after ? `first: 2, after: "${after}"` : 'first: 2');
      seen.push(...current.edges.map((e: any) => e.node.name));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((n: any) => n.name));
  });

  it('walks backward from the end with last/before', async () => {
    const all = (await page('first: 100')).edges.map((e: any) => e.node.name);
    const tail = await page('last: 2');
    expect(tail.edges.map((e: any) => e.node.name)).toEqual(all.slice(-2));
    const before = await page(`last: 2, before: "${tail.pageInfo.startCursor}"`);
    expect(before.edges.map((e: any) => e.node.name)).toEqual(all.slice(-4, -2));
  });
});
