/** English strings of the start page (see nl-home.ts). */
import type { nlHome } from './nl-home.js';

export const enHome: Record<keyof typeof nlHome, string> = {
  'activities.title': 'My activities',
  'activities.current': 'Going on now',
  'activities.past': 'Finished',
  'activities.as': 'You take part as {name}.',
  'activities.shown': 'Open on this phone',
  'activities.closed': 'This activity has been closed.',
  'activities.revoked': 'This phone no longer has access to this activity. What you sent is kept.',
  'activities.unsent': 'Not sent yet: {count}',
  'activities.openCount': 'Count tiles',
  'activities.questionnaire.ask': 'What did you think? Fill in the short questionnaire.',
  'activities.questionnaire.open': 'Fill in the questionnaire',
  'activities.openWalk': 'Go to the inspection',
  'activities.openFindings': 'My findings',
  'activities.openProgress': 'See the standings',
  'activities.joinAnother': 'Join another activity',
  'activities.leave': 'Remove from this phone',
  'activities.leave.title': 'Remove {name} from this phone?',
  'activities.leave.body': 'What you sent stays with Buurtkracht. You can join again later with an invitation.',
  'activities.leave.confirm': 'Yes, remove from this phone',
  'activities.leave.cancel': 'Cancel',
  'activities.leave.unsent': 'Not everything of this activity has been sent yet ({count} left). Send it first, then nothing is lost.',
  'activities.leave.send': 'Go to sending',
  'activities.leave.discardWarning': 'Do you really not want to send them? Then they are thrown away. This cannot be undone.',
  'activities.leave.discard': 'Throw {count} away and remove from this phone',
  'activities.leave.done': '{name} is no longer on this phone.',
  'activities.leave.failed': 'That did not work. Please try again.',
  'activities.moveToNewPhone': 'Move to a new phone',
  'home.transferHere': 'New phone? Move your activities here',
  'home.title': 'Together we make the neighbourhood stronger',
  'home.intro':
    'With this app residents walk the neighbourhood inspection and volunteers count the paving tiles lifted out of gardens. The Buurtkracht team tells you what happens with your reports.',
  'home.schouw.title': 'Neighbourhood inspection',
  'home.schouw.body':
    'Once a year we walk through the neighbourhood with a checklist. You look at greenery, playgrounds, benches and pavements, and report what could be better, with a photo and the location.',
  'home.tegelwippen.title': 'Tile removal',
  'home.tegelwippen.body':
    'On action days we lift paving tiles out of gardens, so rainwater can soak away and plants can grow. Volunteers count the square metres per street. Our goal: at least 500 m².',
  'home.offline.title': 'Works without internet',
  'home.offline.body':
    'What you record is kept on your phone first. When there is a connection again, the app sends it by itself. Nothing gets lost and nothing is counted twice.',
  'home.join.title': 'Join in',
  'home.join.body':
    'Scan the QR code on the invitation from the Buurtkracht team, or open the link you received. You do not need an account.',
  'home.joined.join': 'Join with a code',
};
