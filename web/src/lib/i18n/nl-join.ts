/** Dutch strings of Meedoen: the invite code and the join form (Mijn gegevens checks contact details with the same words). */
import type { Section } from './sections.js';

export const nlJoin = {
  'join.title': 'Meedoen',
  'join.codeLabel': 'Code van de uitnodiging',
  'join.codeHelp': 'Staat op de poster of de uitnodiging: 10 letters en cijfers, bijvoorbeeld K7PM3QXWRT.',
  'join.codeSubmit': 'Verder',
  'join.loading': 'Even kijken welke actie bij deze code hoort…',
  'join.invalid': 'Deze code kennen we niet of hij is niet meer geldig.',
  'join.offline': 'Om mee te doen heb je één keer internet nodig. Daarna werkt de app ook zonder.',
  'join.campaign': 'Je doet mee aan: {campaign}',
  'join.nameLabel': 'Jouw naam in de app',
  'join.nameHelp': 'Je voornaam of een bijnaam is genoeg.',
  'join.rankingLabel': 'Mijn naam mag in de ranglijst staan',
  'join.rankingHelp': 'Zonder vinkje staat er een schuilnaam, zoals \'Buurtgenoot 7F3K\'.',
  'join.contactConsentLabel': 'Ik wil horen wat er met mijn meldingen gebeurt',
  'join.contactLabel': 'E-mailadres of telefoonnummer',
  'join.contactHelp': 'Alleen het Buurtkracht-team ziet dit. Je kunt het later laten verwijderen.',
  'join.submit': 'Meedoen',
  'join.submitting': 'Bezig met aanmelden…',
  'join.iosHint': 'Tip: zet de app op je beginscherm (Delen → Zet op beginscherm). Dan blijven je gegevens veilig bewaard.',
  'join.done': 'Gelukt! Je doet mee.',
  'join.nameMissing': "Vul een naam in. Je voornaam of een bijnaam is genoeg.",
  'join.contactMissing': "Vul je e-mailadres of telefoonnummer in. Of haal het vinkje weg.",
  'join.contactInvalid': "Dit is geen e-mailadres of telefoonnummer. Kijk of er een typfout in zit.",
  'join.codeMissing': "Vul de code in. Die staat op de poster of de uitnodiging.",
} as const;

/** Meedoen's words, for `i18n.need` in the route's load; English loads when chosen. */
export const joinSection: Section = { name: 'join', nl: nlJoin, en: async () => (await import('./en-join.js')).enJoin };
