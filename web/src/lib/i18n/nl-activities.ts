/** Dutch strings of the activities on this phone that every field screen may show: their kinds, and what blocks recording. */
export const nlActivities = {
  'activities.kind.SCHOUW': 'Buurtschouw',
  'activities.kind.TEGELWIPPEN': 'Tegelwippen',
  'activities.kind.OPRUIMEN': 'Opruimactie',
  'blocked.revoked.title': 'Geen toegang meer',
  'blocked.revoked.body': 'Deze telefoon heeft geen toegang meer tot {name}. Wat je hier nu vastlegt, kan niet meer verstuurd worden. Kies op de startpagina een andere activiteit, of doe opnieuw mee met een uitnodiging.',
  'blocked.toStart': 'Naar de startpagina',
  'blocked.transfer.title': 'Er staat een overzetcode open',
  'blocked.transfer.body': 'Leg tot {time} niets vast op deze telefoon. Zodra de nieuwe telefoon de code gebruikt, kan deze telefoon niets meer versturen.',
  'blocked.toTransfer': 'Naar overzetten',
} as const;
