/** Dutch strings of the questionnaire after an activity, in the app and in the public form. */
import type { Section } from './sections.js';

export const nlQuestionnaire = {
  'questionnaire.title': 'Vragenlijst',
  'questionnaire.intro': 'Wat vond je ervan? Met je antwoorden maken we de volgende keer beter. Elke vraag mag je overslaan.',
  'questionnaire.anonymous': 'Je antwoorden zijn anoniem: er staat geen naam bij.',
  'questionnaire.linkQuestion': 'Mogen we je antwoorden aan jou koppelen?',
  'questionnaire.linkYes': 'Ja, koppel mijn antwoorden aan mijn deelname',
  'questionnaire.linkHelp': 'Dan kan het team je vragen wat je bedoelde. Zonder vinkje blijven je antwoorden anoniem.',
  'questionnaire.yes': 'Ja',
  'questionnaire.no': 'Nee',
  'questionnaire.number': 'Aantal',
  'questionnaire.send': 'Antwoorden versturen',
  'questionnaire.sending': 'Bezig met versturen…',
  'questionnaire.fix': 'Kijk de vragen met een melding nog even na.',
  'questionnaire.nothing': 'Beantwoord minstens één vraag.',
  'questionnaire.problem.PICK_FACE': 'Kies een van de vijf gezichtjes.',
  'questionnaire.problem.WHOLE_NUMBER': 'Vul een heel getal in van 0 tot en met {max}.',
  'questionnaire.problem.YES_OR_NO': 'Kies ja of nee.',
  'questionnaire.problem.PICK_CHOICE': 'Kies een van de antwoorden.',
  'questionnaire.problem.TOO_LONG': 'Schrijf hoogstens {max} tekens.',
  'questionnaire.thanks': 'Dank je wel! Je antwoorden zijn verstuurd.',
  'questionnaire.thanksApp': 'Dank je wel! Je antwoorden staan op je telefoon en gaan vanzelf naar het team, zonder internet zodra je weer internet hebt.',
  'questionnaire.answered': 'Je hebt deze vragenlijst al ingevuld. Dank je wel!',
  'questionnaire.notYet': 'De vragenlijst gaat open op {date}. Kom dan terug.',
  'questionnaire.closed': 'De vragenlijst is nu niet open.',
  'questionnaire.none': 'Er is geen vragenlijst bij deze activiteit.',
  'questionnaire.notFound': 'Deze vragenlijst bestaat niet (meer). Kijk of de link goed is.',
  'questionnaire.loading': 'Vragenlijst laden…',
  'questionnaire.offline': 'Geen internet. De vragenlijst kan nu niet geladen worden. Probeer het opnieuw als je internet hebt.',
  'questionnaire.offlineSend': 'Geen internet. Je antwoorden staan nog hieronder: probeer het opnieuw als je internet hebt.',
  'questionnaire.failed': 'Versturen lukte niet. {reason}',
  'questionnaire.toStart': 'Naar de startpagina',
} as const;

/** The questionnaire's words, for `i18n.need` in the route's load; English loads when chosen. */
export const questionnaireSection: Section = { name: 'questionnaire', nl: nlQuestionnaire, en: async () => (await import('./en-questionnaire.js')).enQuestionnaire };
