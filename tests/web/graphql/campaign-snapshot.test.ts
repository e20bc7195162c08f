/**
 * The campaign a phone keeps for offline use holds every street and spot of the
 * neighbourhood, however many: the snapshot pages through the server's connections
 * (which cap a page at MAX_PAGE_SIZE), against the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLRequestError, type Gql } from '$lib/graphql/client';
import { fetchCampaignSnapshot } from '$lib/graphql/campaign-snapshot';
import { SNAPSHOT_PAGE_SIZE } from '$lib/graphql/field-operations';
import { MAX_PAGE_SIZE } from '../../../server/src/graphql/limits.js';
import { addStreet } from '../../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { createSpot } from '../../../server/src/modules/spot/spot.service.js';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';
import { databaseFile } from '../../support/test-app.js';
import { gqlAgainst } from '../../support/web-gql.js';

describe('the campaign snapshot for offline use', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let token: string;
  let requests = 0;
  /** The field app's gql against the test server, counting requests. */
  const server = gqlAgainst(() => fx.t.url);
  const gql: Gql = (document, ...rest) => {
    requests++;
    return server(document, ...rest);
  };

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    const admin = fx.asViewer('admin');
    const db = fx.t.app.connection.db;
    for (let i = 1; i <= 250; i++) {
      const street = await addStreet(db, admin, { neighbourhoodId: fx.neighbourhoodA, name: `Teststraat ${i}` });
      await createSpot(db, admin, fx.neighbourhoodA, { streetId: street.id, type: 'PLANTSOEN', name: `Plantsoen ${i}` });
    }
    token = (await fx.makeParticipant(fx.schouwA)).token;
  }, 120_000);
  afterAll(async () => {
    await fx?.t.close();
    file.remove();
  });

  it('holds all 250+ streets and spots, each once, with the rest of the campaign', async () => {
    const db = fx.t.app.connection.db;
    const streetIds = (await db.selectFrom('street').select('id').where('neighbourhood_id', '=', fx.neighbourhoodA).execute()).map((r) => r.id);
    const spotIds = (await db.selectFrom('spot').select('id').where('neighbourhood_id', '=', fx.neighbourhoodA).execute()).map((r) => r.id);
    expect(streetIds.length).toBeGreaterThan(250);
    expect(spotIds.length).toBeGreaterThan(250);
    expect(SNAPSHOT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);

    const snapshot = await fetchCampaignSnapshot(gql, fx.schouwA.id, token);
    const streets = snapshot.neighbourhood.streets.edges.map((e) => e.node.id);
    const spots = snapshot.neighbourhood.spots.edges.map((e) => e.node.id);
    expect(streets.toSorted()).toEqual(streetIds.toSorted());
    expect(spots.toSorted()).toEqual(spotIds.toSorted());
    expect(snapshot.neighbourhood.spots.edges.find((e) => e.node.name === 'Plantsoen 250')!.node).toMatchObject({ type: 'PLANTSOEN', previousRating: null });
    expect(snapshot).toMatchObject({ id: fx.schouwA.id, kind: 'SCHOUW', checklist: { version: fx.checklist.version } });
    expect(snapshot.checklist!.sections.length).toBeGreaterThan(0);
    // Kept in IndexedDB as it is: the same shape as before, no paging details.
    expect(Object.keys(snapshot.neighbourhood.streets)).toEqual(['edges']);
    expect(Object.keys(snapshot.neighbourhood.spots)).toEqual(['edges']);
  });

  it('asks no more pages than it needs', async () => {
    requests = 0;
    const snapshot = await fetchCampaignSnapshot(gql, fx.campaignB.id, (await fx.makeParticipant(fx.campaignB)).token);
    expect(snapshot.neighbourhood.streets.edges.map((e) => e.node.name)).toEqual(['Rembrandtstraat']);
    expect(requests).toBe(1);
  });

  it('fails with the server’s answer when the campaign cannot be seen', async () => {
    await expect(fetchCampaignSnapshot(gql, fx.campaignB.id, token)).rejects.toBeInstanceOf(GraphQLRequestError);
  });
});
