/** The map background the server is configured with (MAP_TILE_URL), asked once per visit. */
import { gql } from '$lib/graphql/client';
import { SERVER_INFO } from '$lib/graphql/console/session-operations';

let tileUrl: Promise<string | null> | undefined;

export function mapTileUrl(): Promise<string | null> {
  tileUrl ??= gql(SERVER_INFO)
    .then((r) => r.serverInfo.mapTileUrl)
    .catch(() => null);
  return tileUrl;
}
