/**
 * Who is signed in to the console. Loaded once per visit from `viewer`; the session itself
 * is an HttpOnly cookie the page never sees.
 */
import { gql } from '$lib/graphql/client';
import { LOGOUT, NEIGHBOURHOODS, VIEWER, type Viewer } from '$lib/graphql/console/session-operations';
import { nodes, type Connection } from '$lib/graphql/console/paging';

type NeighbourhoodRef = Viewer['coordinatedNeighbourhoods'][number];

class StaffSession {
  viewer = $state.raw<Viewer | null>(null);
  loaded = $state(false);
  /** Where this person may set things up: their own neighbourhoods, or all of them for an admin. */
  neighbourhoods = $state.raw<NeighbourhoodRef[]>([]);

  get account() {
    return this.viewer?.staffAccount ?? null;
  }

  get isPartner(): boolean {
    return this.account?.role === 'PARTNER';
  }

  /** The neighbourhood the console works in (coordinators have one in this programme). */
  get neighbourhood(): NeighbourhoodRef | null {
    return this.neighbourhoods[0] ?? null;
  }

  async load(): Promise<Viewer> {
    const { viewer } = await gql(VIEWER);
    this.viewer = viewer;
    this.neighbourhoods =
      viewer.staffAccount?.role === 'ADMIN'
        ? nodes((await gql(NEIGHBOURHOODS)).neighbourhoods)
        : viewer.coordinatedNeighbourhoods;
    this.loaded = true;
    return viewer;
  }

  async signOut(): Promise<void> {
    await gql(LOGOUT).catch(() => undefined);
    this.viewer = null;
    this.loaded = false;
  }
}

export const staffSession = new StaffSession();
