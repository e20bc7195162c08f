/**
 * Dutch names for the API's enum values as the console shows them. The console is for
 * the Buurtkracht team and partners in Alblasserdam and speaks Dutch only; ratings,
 * themes and finding statuses share the field app's words (lib/i18n) so residents and
 * coordinators read the same thing (in Dutch, whatever language the device's field app uses).
 * The lists of codes are the protocol's (@buurtkracht/protocol); only the words are here.
 */
import type { FindingStatus as ProtocolFindingStatus } from '@buurtkracht/protocol/finding-statuses';
import type { Rating } from '@buurtkracht/protocol/rating-scale';
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { Theme } from '@buurtkracht/protocol/themes';
import { nl } from '$lib/i18n/nl';
import { unitNameNl } from '$lib/i18n/nl-units';
import type { ActionItemStatus, CampaignKind, CampaignStatus, FindingStatus, StaffRole } from '$lib/graphql/schema-types';

// Every status, rating and theme the protocol lists has its Dutch word in lib/i18n/nl.ts (and
// so in en.ts): a new code without one fails the type check here, naming the missing key.
const codeWords: Record<`status.${ProtocolFindingStatus}` | `rating.${Rating}` | `theme.${Theme}`, string> = nl;

// Always the Dutch words, even on a device where the field app was switched to English.
const dutch = (key: string): string => (codeWords as Record<string, string>)[key] ?? key;
export const findingStatusLabel = (status: FindingStatus): string => dutch(`status.${status}`);
export const ratingLabel = (rating: string | null): string => (rating ? dutch(`rating.${rating}`) : 'Geen oordeel');
export const themeLabel = (theme: string): string => dutch(`theme.${theme}`);
/** A unit's full name, as a heading or a column ("Zakken zwerfvuil", "Tegel 30×30"); an amount of it in a sentence is lib/counter/unit-words.ts unitAmount. */
export const unitName = (code: UnitCode): string => unitNameNl(code);

export const SPOT_TYPES: Record<string, string> = {
  BLOEMBAK: 'Bloembak',
  BOOM: 'Boom of bomenrij',
  HANGPLEK: 'Hangplek',
  NESTKAST: 'Nestkast',
  ONTMOETINGSPLEK: 'Bankje of ontmoetingsplek',
  PARK: 'Park',
  PLANTSOEN: 'Plantsoen',
  REGENTON_WADI: 'Regenton of wadi',
  SPEELPLEK: 'Speelplek',
  WANDELPAD: 'Wandelpad',
};
export const spotTypeLabel = (type: string): string => SPOT_TYPES[type] ?? type;

export const CAMPAIGN_KINDS: Record<CampaignKind, string> = { SCHOUW: 'Buurtschouw', TEGELWIPPEN: 'Tegelwippen', OPRUIMEN: 'Opruimactie' };
export const CAMPAIGN_STATUSES: Record<CampaignStatus, string> = { DRAFT: 'In voorbereiding', OPEN: 'Open', CLOSED: 'Gesloten' };
export const ACTION_ITEM_STATUSES: Record<ActionItemStatus, string> = { OPEN: 'Open', BEZIG: 'Bezig', KLAAR: 'Klaar' };
export const STAFF_ROLES: Record<StaffRole, string> = { ADMIN: 'Beheerder', COORDINATOR: 'Coördinator', PARTNER: 'Partner' };

export const ITEM_TYPES: Record<string, string> = {
  RATING: 'Oordeel (A+ t/m D)',
  YES_NO: 'Ja / nee',
  CHOICE: 'Keuze uit opties',
  NUMBER: 'Getal',
  TEXT: 'Vrije tekst',
};

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });

/** A server time (UTC) as Dutch local time. */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
/** A calendar date (YYYY-MM-DD) as "16 mei 2027". */
export const formatDate = (ymd: string): string => dateOnly.format(new Date(`${ymd}T00:00:00Z`));
