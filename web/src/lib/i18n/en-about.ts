/** English strings of About (see nl-about.ts). */
import type { nlAbout } from './nl-about.js';

export const enAbout: Record<keyof typeof nlAbout, string> = {
  'about.title': 'About the app and your privacy',
  'about.what.title': 'What is Buurtkracht?',
  'about.what.body':
    'Buurtkracht is the app of the residents’ programme in the Staatsliedenbuurt in Alblasserdam. Residents, the Buurtkracht team, the municipality and partners use it to make the neighbourhood greener, cleaner and safer together.',
  'about.data.title': 'What data do we keep?',
  'about.data.body':
    'Only what is needed: the name you choose, what you record and when. Your email address or phone number only if you want us to tell you what happens with your report. House numbers and names are never public.',
  'about.photos.title': 'Photos',
  'about.photos.body':
    'Do not photograph faces or number plates. The app removes hidden data (such as the GPS location and the phone model) from every photo before it is stored.',
  'about.rights.title': 'Your rights',
  'about.rights.body':
    'You can always see what you recorded and have it deleted. After an action ends, personal data is erased after a fixed period; only the totals are kept.',
  'about.device.title': 'Data on your phone',
  'about.device.body':
    'The app keeps your work on your phone until the server has received it. So do not delete the app or its website data while something is still waiting to be sent.',
  'about.back': 'Back to home',
};
