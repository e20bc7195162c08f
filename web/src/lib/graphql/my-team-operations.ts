/**
 * The walker's own schouw team (myTeam), asked with the token of the activity it is about
 * and kept on the phone with that activity (lib/offline/team-walk.svelte.ts).
 */
import { graphql, type ResultOf } from './graphql.js';

export const MY_TEAM = graphql(`query MyTeam {
  myTeam {
    day { id date label } number mates walkedCount spotCount
    spots { walked spot { id name type street { id name } } }
  }
}`);

export type MyTeam = NonNullable<ResultOf<typeof MY_TEAM>['myTeam']>;
export type MyTeamSpot = MyTeam['spots'][number];
