/** The schouw walk derived from the campaign snapshot and this device's answers. */
import type { CampaignSnapshot } from '$lib/graphql/field-operations';

export type Spot = CampaignSnapshot['neighbourhood']['spots']['edges'][number]['node'];
export type ChecklistItem = NonNullable<CampaignSnapshot['checklist']>['sections'][number]['items'][number] & { theme: string };

export const RATINGS = ['A_PLUS', 'A', 'B', 'C', 'D', 'NVT'] as const;
export const THEMES = ['GROEN_ONDERHOUD', 'BIODIVERSITEIT', 'KLIMAATADAPTATIE', 'SCHOON', 'HEEL', 'VEILIG', 'ONTMOETEN_SPELEN'] as const;

export function spotsByStreet(campaign: CampaignSnapshot): { streetId: string; streetName: string; spots: Spot[] }[] {
  const spots = campaign.neighbourhood.spots.edges.map((e) => e.node);
  return campaign.neighbourhood.streets.edges
    .map((e) => ({ streetId: e.node.id, streetName: e.node.name, spots: spots.filter((s) => s.street.id === e.node.id) }))
    .filter((group) => group.spots.length > 0);
}

/** The checklist items that apply to a spot's type, in checklist order. */
export function itemsFor(campaign: CampaignSnapshot, spot: Spot): ChecklistItem[] {
  return (campaign.checklist?.sections ?? []).flatMap((section) =>
    section.items.filter((item) => item.spotTypes.length === 0 || item.spotTypes.includes(spot.type)).map((item) => ({ ...item, theme: section.theme })),
  );
}
