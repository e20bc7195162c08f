/** English, the second language. Every key of nl.ts must be here (the type checks it). */
import type { Messages } from './nl';

export const en: Messages = {
  'app.name': 'Buurtkracht',
  'app.tagline': 'Neighbourhood inspections and tile removal',
  'nav.skip': 'Skip to content',
  'nav.main': 'Main menu',
  'nav.home': 'Home',
  'nav.about': 'About and privacy',
  'lang.switch': 'Nederlands',
  'lang.switchLabel': 'Schakel naar Nederlands',
  'status.online': 'Online',
  'status.onlineDetail': 'You are connected.',
  'status.offline': 'Offline',
  'status.offlineDetail':
    'No connection. You can keep working: what you record stays on your phone until there is a connection again.',
  'update.available': 'A new version of the app is available.',
  'update.apply': 'Update now',
  'update.later': 'Later',
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
