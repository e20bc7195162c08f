/** The schouw walk derived from the campaign snapshot and this device's answers. */
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import type { MyObservation } from '$lib/offline/findings-store';

export type Spot = CampaignSnapshot['neighbourhood']['spots']['edges'][number]['node'];
export type ChecklistItem = NonNullable<CampaignSnapshot['checklist']>['sections'][number]['items'][number] & { theme: string; sectionTitle: string };

export function spotsByStreet(campaign: CampaignSnapshot): { streetId: string; streetName: string; spots: Spot[] }[] {
  const spots = campaign.neighbourhood.spots.edges.map((e) => e.node);
  return campaign.neighbourhood.streets.edges
    .map((e) => ({ streetId: e.node.id, streetName: e.node.name, spots: spots.filter((s) => s.street.id === e.node.id) }))
    .filter((group) => group.spots.length > 0);
}

/** The checklist items that apply to a spot's type, in checklist order. */
export function itemsFor(campaign: CampaignSnapshot, spot: Pick<Spot, 'type'>): ChecklistItem[] {
  return (campaign.checklist?.sections ?? []).flatMap((section) =>
    section.items.filter((item) => item.spotTypes.length === 0 || item.spotTypes.includes(spot.type)).map((item) => ({ ...item, theme: section.theme, sectionTitle: section.title })),
  );
}

/** The items grouped by their section, in checklist order (one heading per section). */
export function bySection(items: ChecklistItem[]): { title: string; theme: string; items: ChecklistItem[] }[] {
  const groups: { title: string; theme: string; items: ChecklistItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.title === item.sectionTitle && last.theme === item.theme) last.items.push(item);
    else groups.push({ title: item.sectionTitle, theme: item.theme, items: [item] });
  }
  return groups;
}

/** This walker's answer per item at a spot: the newest counts (the list is newest first). */
export function currentAnswers(observations: MyObservation[], spotId: string): Map<string, MyObservation> {
  const latest = new Map<string, MyObservation>();
  for (const o of observations) if (o.spotId === spotId && o.itemId && !latest.has(o.itemId)) latest.set(o.itemId, o);
  return latest;
}

export type SpotState = { state: 'todo' | 'started' | 'done'; answered: number; total: number };

/** How far the walker is at a spot: answered items of those that apply to it. */
export function spotState(items: ChecklistItem[], answers: Map<string, MyObservation>): SpotState {
  const answered = items.filter((i) => answers.has(i.id)).length;
  const total = items.length;
  return { state: total > 0 && answered === total ? 'done' : answered > 0 ? 'started' : 'todo', answered, total };
}
