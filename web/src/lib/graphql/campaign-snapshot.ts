/**
 * Fetches the campaign a phone keeps for offline use, with every street and spot of its
 * neighbourhood: the server returns at most SNAPSHOT_PAGE_SIZE per connection, so the
 * rest is fetched page by page (following endCursor while hasNextPage). The result has
 * the shape stored on the device (CampaignSnapshot, edges only).
 */
import { GraphQLRequestError, type Gql } from './client';
import { CAMPAIGN_SNAPSHOT, CAMPAIGN_SPOTS_PAGE, CAMPAIGN_STREETS_PAGE, SNAPSHOT_PAGE_SIZE, type CampaignSnapshot } from './field-operations';

interface Page<Edge> {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const notVisible = () => new GraphQLRequestError('Deze actie is niet (meer) te zien. Meld je opnieuw aan met een uitnodiging.', 'NOT_FOUND', 200);

/** All edges of one connection, starting from the page the first request brought. */
async function allEdges<Edge>(first: Page<Edge>, next: (after: string) => Promise<Page<Edge> | null>): Promise<Edge[]> {
  const edges = [...first.edges];
  let pageInfo = first.pageInfo;
  while (pageInfo.hasNextPage && pageInfo.endCursor) {
    const page = await next(pageInfo.endCursor);
    if (!page) throw notVisible();
    // A server that claims more but moves no further would otherwise keep us here.
    if (page.pageInfo.endCursor === pageInfo.endCursor) break;
    edges.push(...page.edges);
    pageInfo = page.pageInfo;
  }
  return edges;
}

export async function fetchCampaignSnapshot(gql: Gql, campaignId: string, token: string | null): Promise<CampaignSnapshot> {
  const first = SNAPSHOT_PAGE_SIZE;
  const { campaign } = await gql(CAMPAIGN_SNAPSHOT, { id: campaignId, first }, token);
  if (!campaign) throw notVisible();
  const [streets, spots] = await Promise.all([
    allEdges(campaign.neighbourhood.streets, async (after) => (await gql(CAMPAIGN_STREETS_PAGE, { id: campaignId, first, after }, token)).campaign?.neighbourhood.streets ?? null),
    allEdges(campaign.neighbourhood.spots, async (after) => (await gql(CAMPAIGN_SPOTS_PAGE, { id: campaignId, first, after }, token)).campaign?.neighbourhood.spots ?? null),
  ]);
  return { ...campaign, neighbourhood: { name: campaign.neighbourhood.name, streets: { edges: streets }, spots: { edges: spots } } };
}
