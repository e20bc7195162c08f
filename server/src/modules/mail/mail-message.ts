/**
 * The e-mail a resident gets when a finding of theirs changes status: plain text in plain
 * Dutch (B1), what the finding was (as they recorded it), its new status, the public
 * message, a link that opens it in the app and a one-click unsubscribe. The link carries
 * only the finding's id: no name, no address, no token of the person.
 */
import { themeWord } from '../export/dutch-words.js';
import { statusLabels } from '../finding/finding-workflow.js';
import type { FindingStatus } from '../finding/finding.table.js';

export interface FindingStatusMailContent {
  /** The outbox row's id: the Message-ID, so a mail sent twice (see mail-delivery.ts) is one mail to most mail apps. */
  mailId: string;
  findingId: string;
  status: FindingStatus;
  publicMessage: string;
  category: string;
  text: string | null;
  recordedAt: string;
  campaignName: string;
  spotName: string | null;
  streetName: string | null;
}

export interface ComposedMail {
  subject: string;
  text: string;
  headers: Record<string, string>;
  messageId: string;
}

/** The text of a finding quoted in the mail: enough to recognise it, not the whole story. */
export const QUOTE_MAX = 80;

const dutchDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

export const findingLink = (publicUrl: string, findingId: string): string => `${publicUrl}/schouw/mijn?bevinding=${encodeURIComponent(findingId)}`;
/** Where the unsubscribe links point; the token follows as the last path segment (mail-unsubscribe-route.ts). */
export const UNSUBSCRIBE_PATH_PREFIX = '/mail/afmelden';
export const unsubscribeLink = (publicUrl: string, token: string): string => `${publicUrl}${UNSUBSCRIBE_PATH_PREFIX}/${token}`;

function quote(text: string | null): string | null {
  const flat = text?.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1).trimEnd()}…` : flat;
}

export function composeFindingStatusMail(content: FindingStatusMailContent, publicUrl: string, unsubscribeToken: string): ComposedMail {
  const status = statusLabels[content.status];
  const place = content.spotName && content.streetName ? `${content.spotName} (${content.streetName})` : (content.spotName ?? content.streetName);
  const recorded = dutchDate.format(new Date(content.recordedAt));
  const quoted = quote(content.text);
  const unsubscribe = unsubscribeLink(publicUrl, unsubscribeToken);
  const lines = [
    'Hallo,',
    '',
    `Op ${recorded} deed je een melding bij ${content.campaignName}.`,
    `Onderwerp: ${themeWord(content.category)}`,
    ...(place ? [`Plek: ${place}`] : []),
    ...(quoted ? [`Je schreef: "${quoted}"`] : []),
    '',
    `Je melding is nu: ${status}.`,
    '',
    'Dit is het bericht erbij:',
    content.publicMessage,
    '',
    'Bekijk je melding in de app:',
    findingLink(publicUrl, content.findingId),
    '',
    'Groeten,',
    'Buurtkracht',
    '',
    '-- ',
    'Je krijgt deze e-mail omdat je wilde horen wat er met je meldingen gebeurt.',
    'Wil je deze e-mails niet meer krijgen? Meld je hier af:',
    unsubscribe,
    '',
  ];
  const host = new URL(publicUrl).hostname || 'buurtkracht.invalid';
  return {
    subject: `Nieuws over je melding: ${status}`,
    text: lines.join('\n'),
    messageId: `<${content.mailId}@${host}>`,
    headers: {
      // RFC 2369 and RFC 8058: mail apps show an "afmelden" button that POSTs to the link.
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // RFC 3834: no out-of-office replies to an automatic mail.
      'Auto-Submitted': 'auto-generated',
    },
  };
}
