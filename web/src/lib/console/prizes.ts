/**
 * Words for the prizes of the closing event (the console's Prijzen tab and its big
 * screen): each category's Dutch title and explanation, a winner's place and figure. The
 * winners themselves come from the server (campaignPrizes).
 */
import type { PrizeCategory, PrizeProposal, PrizeWinner } from '$lib/graphql/console/prize-operations';

export const PRIZE_WORDS: Record<PrizeCategory, { title: string; explanation: string; who: string }> = {
  MOST_AREA_BY_PARTICIPANT: {
    title: 'Meeste m² gewipt',
    explanation: 'De deelnemer die de meeste tegels heeft geteld, in m².',
    who: 'Deelnemer',
  },
  MOST_AREA_PER_HOUSEHOLD_BY_STREET: {
    title: 'Straat met de meeste m² per huishouden',
    explanation: 'De gewipte m² in een straat, gedeeld door het aantal huishoudens (adressen) in die straat dat meedeed.',
    who: 'Straat',
  },
  MOST_GARDENS_BY_PARTICIPANT: {
    title: 'Meeste tuinen vergroend',
    explanation: 'De deelnemer die in de meeste verschillende tuinen tegels heeft geteld.',
    who: 'Deelnemer',
  },
  MOST_SPOTS_BY_WALKER: {
    title: 'Meeste plekken geschouwd',
    explanation: 'De schouwer die op de meeste verschillende plekken iets heeft ingevuld.',
    who: 'Schouwer',
  },
};

const m2 = (value: number) => value.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "12,0 m²", "9,0 m² per huishouden", "2 tuinen", "1 plek". */
export function figureText(unit: PrizeProposal['unit'], winner: Pick<PrizeWinner, 'figure' | 'areaM2'>): string {
  switch (unit) {
    case 'AREA_CM2':
      return `${m2(winner.areaM2 ?? 0)} m²`;
    case 'AREA_CM2_PER_HOUSEHOLD':
      return `${m2(winner.areaM2 ?? 0)} m² per huishouden`;
    case 'GARDENS':
      return `${winner.figure.toLocaleString('nl-NL')} ${winner.figure === 1 ? 'tuin' : 'tuinen'}`;
    case 'SPOTS':
      return `${winner.figure.toLocaleString('nl-NL')} ${winner.figure === 1 ? 'plek' : 'plekken'}`;
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
