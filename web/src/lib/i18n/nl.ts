/** Dutch (B1, plain language): the default and leading language of every screen. */
export const nl = {
  'app.name': 'Buurtkracht',
  'app.tagline': 'Schouwen en tegelwippen in je buurt',
  'nav.skip': 'Naar de inhoud',
  'nav.main': 'Hoofdmenu',
  'nav.home': 'Start',
  'nav.about': 'Over de app en privacy',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  'status.online': 'Online',
  'status.onlineDetail': 'Er is verbinding.',
  'status.offline': 'Offline',
  'status.offlineDetail':
    'Geen verbinding. Je kunt gewoon doorwerken: wat je vastlegt, blijft op je telefoon tot er weer verbinding is.',
  'update.available': 'Er is een nieuwe versie van de app.',
  'update.apply': 'Nu bijwerken',
  'update.later': 'Later',
  'home.title': 'Samen maken we de buurt sterker',
  'home.intro':
    'Met deze app lopen bewoners de buurtschouw en tellen vrijwilligers de tegels die we uit tuinen halen. Het Buurtkracht-team laat je weten wat er met jouw meldingen gebeurt.',
  'home.schouw.title': 'Buurtschouw',
  'home.schouw.body':
    'Eén keer per jaar lopen we met een checklist door de buurt. Je bekijkt groen, speelplekken, bankjes en stoepen, en meldt wat beter kan, met een foto en de plek.',
  'home.tegelwippen.title': 'Tegelwippen',
  'home.tegelwippen.body':
    'Op actiedagen halen we tegels uit tuinen. Zo kan regenwater de grond in en is er ruimte voor groen. Vrijwilligers tellen per straat de vierkante meters. Ons doel: minstens 500 m².',
  'home.offline.title': 'Werkt ook zonder internet',
  'home.offline.body':
    'Wat je vastlegt, bewaart de app eerst op je telefoon. Als er weer verbinding is, stuurt de app het vanzelf door. Er gaat niets verloren en niets telt dubbel.',
  'home.join.title': 'Meedoen',
  'home.join.body':
    'Scan de QR-code op de uitnodiging van het Buurtkracht-team, of open de link die je hebt gekregen. Een account is niet nodig.',
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

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;
