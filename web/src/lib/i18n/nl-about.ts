/** Dutch strings of Over de app: what Buurtkracht is and what it keeps about you. */
import type { Section } from './sections.js';

export const nlAbout = {
  'about.title': 'Over de app en je privacy',
  'about.what.title': 'Wat is Buurtkracht?',
  'about.what.body':
    'Buurtkracht is de app van het bewonersprogramma in de Staatsliedenbuurt in Alblasserdam. Bewoners, het Buurtkracht-team, de gemeente en partners gebruiken hem om de buurt samen groener, schoner en veiliger te maken.',
  'about.data.title': 'Welke gegevens bewaren we?',
  'about.data.body':
    'Alleen wat nodig is: de naam die je zelf kiest, wat je vastlegt en wanneer. Je e-mailadres of telefoonnummer alleen als je dat zelf wilt, zodat we je kunnen laten weten wat er met je melding gebeurt. Huisnummers en namen zijn nooit openbaar.',
  'about.photos.title': "Foto's",
  'about.photos.body':
    "Maak geen foto's van gezichten of kentekens. De app haalt verborgen gegevens (zoals de GPS-plek en het type telefoon) uit elke foto voordat die wordt bewaard.",
  'about.rights.title': 'Jouw rechten',
  'about.rights.body':
    'Je kunt altijd zien wat je hebt vastgelegd en het laten verwijderen. Na afloop van een actie wissen we de persoonlijke gegevens na een vaste termijn; alleen de totalen blijven bewaard.',
  'about.device.title': 'Gegevens op je telefoon',
  'about.device.body':
    'De app bewaart je werk op je telefoon tot de server het heeft ontvangen. Verwijder de app of de websitegegevens dus niet terwijl er nog iets wacht om verstuurd te worden.',
  'about.back': 'Terug naar start',
} as const;

/** Over de app's words, for `i18n.need` in the route's load; English loads when chosen. */
export const aboutSection: Section = { name: 'about', nl: nlAbout, en: async () => (await import('./en-about.js')).enAbout };
