/**
 * The public progress page of a tegelwip or clean-up action (/voortgang/{id}): per unit
 * against its target, per street (in the server's order of places) and per action day,
 * which streets each day was for and has done, and for tiles their m², origin and gardens.
 * Asked without a token: no names, no house numbers.
 */
import { graphql, type ResultOf } from './graphql.js';

const PUBLIC_UNIT_TALLY = graphql(`fragment PublicUnitTally on UnitTally { unit { code areaCm2PerPiece measured target } quantity areaCm2 entries progressPercent }`);

export const PUBLIC_TALLY_PROGRESS = graphql(
  `query PublicTallyProgress($id: ID!) {
    publicProgress(campaignId: $id) {
      kind campaignName targetAreaM2 progressPercent
      total { areaCm2 nkTiles entries quantity }
      units { ...PublicUnitTally }
      gardensGreened byOrigin { garden { areaCm2 } publicSpace { areaCm2 } notSaid { areaCm2 } }
      streets { place streetId streetName total { areaCm2 quantity } }
      days { day { id date label } total { areaCm2 } units { ...PublicUnitTally } streets { streetId streetName planned counted } }
    }
  }`,
  [PUBLIC_UNIT_TALLY],
);

export type PublicTallyProgress = ResultOf<typeof PUBLIC_TALLY_PROGRESS>['publicProgress'];
