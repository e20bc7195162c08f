/** Dutch strings of the start page: what Buurtkracht is, and Mijn activiteiten (showing, leaving one). */
import type { Section } from './sections.js';

export const nlHome = {
  'activities.title': 'Mijn activiteiten',
  'activities.current': 'Nu bezig',
  'activities.past': 'Afgelopen',
  'activities.as': 'Je doet mee als {name}.',
  'activities.shown': 'Open op deze telefoon',
  'activities.closed': 'Deze activiteit is afgesloten.',
  'activities.revoked': 'Deze telefoon heeft geen toegang meer tot deze activiteit. Wat je hebt verstuurd, blijft bewaard.',
  'activities.unsent': 'Nog niet verstuurd: {count}',
  'activities.openCount': 'Tegels tellen',
  'activities.questionnaire.ask': 'Wat vond je ervan? Vul de korte vragenlijst in.',
  'activities.questionnaire.open': 'Vragenlijst invullen',
  'activities.openWalk': 'Naar de schouw',
  'activities.openFindings': 'Mijn bevindingen',
  'activities.openProgress': 'Bekijk de stand',
  'activities.joinAnother': 'Meedoen met een andere activiteit',
  'activities.leave': 'Van deze telefoon halen',
  'activities.leave.title': '{name} van deze telefoon halen?',
  'activities.leave.body': 'Wat je hebt verstuurd, blijft bewaard bij Buurtkracht. Je kunt later opnieuw meedoen met een uitnodiging.',
  'activities.leave.confirm': 'Ja, van deze telefoon halen',
  'activities.leave.cancel': 'Niet doen',
  'activities.leave.unsent': 'Van deze activiteit is nog niet alles verstuurd (nog {count}). Verstuur het eerst, dan gaat er niets verloren.',
  'activities.leave.send': 'Naar versturen',
  'activities.leave.discardWarning': 'Wil je ze echt niet versturen? Dan worden ze weggegooid. Dat kun je niet ongedaan maken.',
  'activities.leave.discard': 'Gooi {count} weg en haal van deze telefoon',
  'activities.leave.done': '{name} staat niet meer op deze telefoon.',
  'activities.leave.failed': 'Dat lukte niet. Probeer het opnieuw.',
  'activities.moveToNewPhone': 'Naar een nieuwe telefoon',
  'home.transferHere': 'Nieuwe telefoon? Zet je activiteiten over',
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
  'home.joined.join': 'Meedoen met een code',
} as const;

/** The start page's words, for `i18n.need` in the route's load; English loads when chosen. */
export const homeSection: Section = { name: 'home', nl: nlHome, en: async () => (await import('./en-home.js')).enHome };
