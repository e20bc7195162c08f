/**
 * What a card on Mijn bevindingen says about one finding, in the walker's words: where,
 * which theme, when, how far the follow-up is, the latest public message and the action
 * plan item it became part of. Pure, so it is tested without a browser.
 */
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import { dateTimeText } from '$lib/i18n/field-time';
import { nl, type MessageKey } from '$lib/i18n/nl';
import { nlWalk } from '$lib/i18n/nl-walk';
import type { Delivery, MyActionItem, MyFinding } from '$lib/offline/findings-store';
import { answerWords } from './answer-rules';
import { photoIdsOf } from './finding-draft';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface FindingCard {
  id: string;
  title: string;
  place: string;
  theme: string;
  recordedOn: string;
  delivery: Delivery;
  /** "Nieuw", "Ingepland", …; null while it is not sent (then the delivery says enough). */
  status: string | null;
  latestMessage: { text: string; status: string; at: string } | null;
  actionItems: (MyActionItem & { statusText: string })[];
  followsUp: string | null;
  photoIds: string[];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** A status or theme word the app knows, else the server's own word (a newer server may send new ones). */
const known = (t: Translate, key: string, fallback: string): string => (key in nl || key in nlWalk ? t(key as MessageKey) : fallback);

/** The spot's name, else the street's, else "Ergens in de buurt". */
function placeOf(finding: MyFinding, campaign: CampaignSnapshot | null, t: Translate): string {
  const spotId = str(finding.data.spotId);
  const spot = spotId ? campaign?.neighbourhood.spots.edges.find((e) => e.node.id === spotId)?.node : undefined;
  if (spot) return spot.name;
  const spotName = str(finding.data.spotName);
  if (spotName) return spotName;
  const streetId = finding.streetId ?? str(finding.data.streetId);
  const street = streetId ? campaign?.neighbourhood.streets.edges.find((e) => e.node.id === streetId)?.node : undefined;
  return street?.name ?? str(finding.data.streetName) ?? t('finding.anywhere');
}

export function findingCard(finding: MyFinding, campaign: CampaignSnapshot | null, t: Translate): FindingCard {
  const category = str(finding.data.category) ?? str(finding.followsUp?.theme) ?? '';
  const theme = category ? known(t, `theme.${category}`, category) : '';
  const withMessage = finding.statusHistory.filter((s) => s.publicMessage.trim() !== '');
  const last = withMessage.reduce<(typeof withMessage)[number] | null>((latest, s) => (!latest || s.at >= latest.at ? s : latest), null);
  const answer = finding.followsUp ? answerWords(finding.followsUp, t) : null;
  return {
    id: finding.id,
    title: str(finding.data.text) ?? (finding.followsUp?.prompt || theme || t('finding.title')),
    place: placeOf(finding, campaign, t),
    theme,
    recordedOn: dateTimeText(finding.createdAt),
    delivery: finding.delivery,
    status: finding.delivery === 'sent' ? known(t, `status.${finding.status ?? 'NIEUW'}`, finding.status ?? '') : null,
    latestMessage: last ? { text: last.publicMessage, status: known(t, `status.${last.toStatus}`, last.toStatus), at: dateTimeText(last.at) } : null,
    actionItems: finding.actionItems.map((item) => ({ ...item, statusText: known(t, `mine.actionStatus.${item.status}`, item.status) })),
    followsUp: finding.followsUp && answer ? t('mine.followsUp', { prompt: finding.followsUp.prompt, answer }) : null,
    photoIds: photoIdsOf(finding),
  };
}
