/** English strings of Meedoen (see nl-join.ts). */
import type { nlJoin } from './nl-join.js';

export const enJoin: Record<keyof typeof nlJoin, string> = {
  'join.title': 'Join',
  'join.codeLabel': 'Invitation code',
  'join.codeHelp': 'It is on the poster or the invitation: 10 letters and digits, for example K7PM3QXWRT.',
  'join.codeSubmit': 'Next',
  'join.loading': 'Looking up the action for this code…',
  'join.invalid': 'We do not know this code, or it is no longer valid.',
  'join.offline': 'To join you need internet once. After that the app also works without.',
  'join.campaign': 'You are joining: {campaign}',
  'join.nameLabel': 'Your name in the app',
  'join.nameHelp': 'Your first name or a nickname is enough.',
  'join.rankingLabel': 'My name may appear in the ranking',
  'join.rankingHelp': 'Without this, a pseudonym is shown, like \'Buurtgenoot 7F3K\'.',
  'join.contactConsentLabel': 'I want to hear what happens with my reports',
  'join.contactLabel': 'Email address or phone number',
  'join.contactHelp': 'Only the Buurtkracht team sees this. You can have it deleted later.',
  'join.submit': 'Join',
  'join.submitting': 'Signing you up…',
  'join.iosHint': 'Tip: add the app to your home screen (Share → Add to Home Screen). Your data then stays safely stored.',
  'join.done': 'Done! You are taking part.',
  'join.nameMissing': "Enter a name. Your first name or a nickname is enough.",
  'join.contactMissing': "Enter your e-mail address or phone number. Or untick the box.",
  'join.contactInvalid': "This is not an e-mail address or phone number. Check for a typo.",
  'join.codeMissing': "Enter the code. It is on the poster or the invitation.",
};
