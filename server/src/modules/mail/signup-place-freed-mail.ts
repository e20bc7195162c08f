/**
 * The e-mail someone on a waiting list gets when a place frees and they move up (when they
 * gave an e-mail address with consent and e-mail is on), as the consent text promised:
 * plain Dutch (B1), the date, and the personal link (a secret of its own, in the fragment)
 * to view the sign-up or cancel, so the place goes on if they cannot come after all.
 */
import type { ComposedMail } from './mail-message.js';
import { dutchDateOf, personalSignupLink } from './signup-confirmation-mail.js';

export interface SignupPlaceFreedContent {
  /** The outbox row's id: the Message-ID. */
  mailId: string;
  campaignName: string;
  day: { date: string; label: string | null };
}

export function composeSignupPlaceFreedMail(content: SignupPlaceFreedContent, publicUrl: string, token: string): ComposedMail {
  const lines = [
    // No name: anyone can type any name with any address.
    'Hallo,',
    '',
    `Er is een plek vrijgekomen: je bent erbij op ${dutchDateOf(content.day)}.`,
    `Dat is voor ${content.campaignName}.`,
    '',
    'Met deze link bekijk je je aanmelding, verander je iets of meld je je af:',
    personalSignupLink(publicUrl, token),
    '',
    'Kun je toch niet? Meld je dan af met de link. Dan gaat de plek naar de volgende op de wachtlijst.',
    '',
    'Groeten,',
    'Buurtkracht',
    '',
    '-- ',
    'Je krijgt deze e-mail omdat je op de wachtlijst stond en je e-mailadres gaf. Je krijgt hierdoor geen andere e-mails.',
    '',
  ];
  const host = new URL(publicUrl).hostname || 'buurtkracht.invalid';
  return {
    subject: `Er is een plek vrij: je bent erbij (${content.campaignName})`,
    text: lines.join('\n'),
    messageId: `<${content.mailId}@${host}>`,
    // RFC 3834: no out-of-office replies to an automatic mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
