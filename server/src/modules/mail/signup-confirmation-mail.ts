/**
 * The e-mail someone gets after signing up (when they gave an e-mail address with consent
 * and e-mail is on): plain text in plain Dutch (B1), the dates with whether they have a
 * place or wait, and the personal link to view, change or cancel, which on the day also
 * joins the app. The link's secret goes in the fragment (after #), which browsers never
 * send to a server, as on the confirmation screen.
 */
import type { MySignup } from '../signup/signup-view.js';
import type { ComposedMail } from './mail-message.js';

export interface SignupConfirmationContent {
  /** The outbox row's id: the Message-ID, so a mail sent twice is one mail to most mail apps. */
  mailId: string;
  /** The sign-up as it is when the mail goes out. */
  signup: MySignup;
}

/** The personal page of a sign-up in the web app (web/src/lib/signup/personal-link.ts). */
export const personalSignupLink = (publicUrl: string, token: string): string => `${publicUrl}/aanmelding#${token}`;

const dutchDay = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A campaign date in words, with its label: "zaterdag 12 juni 2027 (Ochtendronde)". */
export function dutchDateOf(day: { date: string; label: string | null }): string {
  const date = dutchDay.format(new Date(`${day.date}T12:00:00Z`));
  return day.label ? `${date} (${day.label})` : date;
}

function dayLine(entry: MySignup['days'][number]): string {
  const when = dutchDateOf(entry.day);
  return entry.status === 'CONFIRMED'
    ? `- ${when}: je bent erbij.`
    : `- ${when}: je staat op de wachtlijst (plaats ${entry.waitingPosition}). Komt er een plek vrij, dan schuif je vanzelf door.`;
}

export function composeSignupConfirmationMail(content: SignupConfirmationContent, publicUrl: string, token: string): ComposedMail {
  const { signup } = content;
  const lines = [
    // No name: anyone can type any name with any address, so the greeting carries nothing typed.
    'Hallo,',
    '',
    `Je hebt je aangemeld voor ${signup.campaignName}.`,
    ...(signup.days.length > 0 ? ['', ...signup.days.map(dayLine)] : []),
    '',
    'Met deze link bekijk je je aanmelding, verander je iets of meld je je af:',
    personalSignupLink(publicUrl, token),
    '',
    'Bewaar deze e-mail. Op de dag doe je met dezelfde link mee in de app. Deel de link niet: wie hem heeft, kan je aanmelding veranderen.',
    '',
    'Groeten,',
    'Buurtkracht',
    '',
    '-- ',
    'Je krijgt deze e-mail omdat je je aanmeldde en je e-mailadres gaf. Je krijgt hierdoor geen andere e-mails.',
    '',
  ];
  const host = new URL(publicUrl).hostname || 'buurtkracht.invalid';
  return {
    subject: `Je aanmelding voor ${signup.campaignName}`,
    text: lines.join('\n'),
    messageId: `<${content.mailId}@${host}>`,
    // RFC 3834: no out-of-office replies to an automatic mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
