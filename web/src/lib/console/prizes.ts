/**
 * Words for the prizes of the closing event (the console's Prijzen tab and its big
 * screen): each category's Dutch title and explanation, a winner's place and figure. The
 * winners themselves come from the server (campaignPrizes). The explanations say for people
 * what the schema's PrizeCategory descriptions say for API users; change them together.
 */
import type { PrizeCategory, PrizeProposal, PrizeWinner } from '$lib/graphql/console/prize-operations';
import { dutchNumber, oneDecimal } from './dutch-number';

export const PRIZE_WORDS: Record<PrizeCategory, { title: string; explanation: string; who: string }> = {
  MOST_AREA_BY_PARTICIPANT: {
    title: 'Meeste m² gewipt',
    explanation: 'De deelnemer die in de app de meeste m² tegels heeft geteld, met correcties meegerekend. Wat de organisatie zelf invoerde, telt voor geen deelnemer.',
    who: 'Deelnemer',
  },
  MOST_AREA_PER_HOUSEHOLD_BY_STREET: {
    title: 'Straat met de meeste m² per huishouden',
    explanation:
      'De gewipte m² in een straat, gedeeld door het aantal huishoudens (adressen) in die straat dat meedeed: aangemeld of geteld. Alleen straten waar minstens 3 huishoudens meededen, doen mee. Zo is nooit de uitslag van één huishouden te zien.',
    who: 'Straat',
  },
  MOST_GARDENS_BY_PARTICIPANT: {
    title: 'Meeste tuinen vergroend',
    explanation:
      'De deelnemer die in de meeste verschillende tuinen (adressen) tegels heeft geteld. Een tuin telt als er na correcties meer dan niets is geteld; tegels uit de openbare ruimte tellen niet. Tellen twee deelnemers in dezelfde tuin, dan telt die tuin voor allebei.',
    who: 'Deelnemer',
  },
  MOST_COUNTED_BY_PARTICIPANT: {
    title: 'Meeste geteld',
    explanation:
      'De deelnemer die bij de opruimactie in de app het meeste heeft geteld: zakken, grofvuil en tuinen bij elkaar opgeteld, met correcties meegerekend. Wat de organisatie zelf invoerde, telt voor geen deelnemer.',
    who: 'Deelnemer',
  },
  MOST_GARDENS_HELPED_BY_STREET: {
    title: 'Straat met de meeste tuinen geholpen',
    explanation: 'De straat waar bij de opruimactie de meeste tuinen zijn geholpen, met correcties meegerekend. Telt de actie geen geholpen tuinen, dan doet geen straat mee.',
    who: 'Straat',
  },
  MOST_SPOTS_BY_WALKER: {
    title: 'Meeste plekken geschouwd',
    explanation: 'De schouwer die op de meeste verschillende plekken iets heeft ingevuld. Een plek telt één keer, ook als een antwoord later is vervangen. De organisatie doet niet mee.',
    who: 'Schouwer',
  },
};


/** "12,0 m²", "9,0 m² per huishouden", "2 tuinen", "1 plek", "14 geteld", "3 tuinen geholpen". */
export function figureText(unit: PrizeProposal['unit'], winner: Pick<PrizeWinner, 'figure' | 'areaM2'>): string {
  switch (unit) {
    case 'AREA_CM2':
      return `${oneDecimal(winner.areaM2 ?? 0)} m²`;
    case 'AREA_CM2_PER_HOUSEHOLD':
      return `${oneDecimal(winner.areaM2 ?? 0)} m² per huishouden`;
    case 'GARDENS':
      return `${dutchNumber(winner.figure)} ${winner.figure === 1 ? 'tuin' : 'tuinen'}`;
    case 'SPOTS':
      return `${dutchNumber(winner.figure)} ${winner.figure === 1 ? 'plek' : 'plekken'}`;
    case 'COUNTED':
      return `${dutchNumber(winner.figure)} geteld`;
    case 'GARDENS_HELPED':
      return `${dutchNumber(winner.figure)} ${winner.figure === 1 ? 'tuin' : 'tuinen'} geholpen`;
  }
}

/** "1e plaats", or "Gedeelde 1e plaats" when others have the same figure. */
export const placeText = (winner: Pick<PrizeWinner, 'place' | 'tied'>): string => `${winner.tied ? 'Gedeelde ' : ''}${winner.place}e plaats`;

/** Why a prize has no proposal, in words; null when it has one or nobody has a figure yet. */
export function unknownText(prize: PrizeProposal): string | null {
  return prize.unknownReason === 'PERSONAL_DATA_ERASED' ? 'Niet meer te bepalen: de adressen van deze actie zijn gewist, omdat de bewaartermijn voorbij is.' : null;
}

/** What an empty proposal means, per kind of campaign. */
export const nobodyYetText = (category: PrizeCategory): string =>
  category === 'MOST_SPOTS_BY_WALKER' ? 'Nog niemand: er zijn nog geen antwoorden van schouwers.' : 'Nog niemand: er is nog niets geteld.';
