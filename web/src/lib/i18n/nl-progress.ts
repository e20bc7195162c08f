/** Dutch strings of the public progress page of a tegelwip or clean-up action (/voortgang). */
import type { Section } from './sections.js';

export const nlProgress = {
  'progress.title': "Zoveel tegels zijn er al gewipt",
  'progress.total': "{m2} m² van {target} m²",
  'progress.nk': "{nk} NK-tegels (30×30)",
  'progress.percent': "{percent}% van het doel",
  'progress.streets': "Per straat",
  'progress.days': "Per actiedag",
  'progress.gardens': "{count} tuinen vergroend",
  'progress.gardensOne': "1 tuin vergroend",
  'progress.origin': "Waar kwamen de tegels vandaan?",
  'progress.origin.GARDEN': "Uit tuinen",
  'progress.origin.PUBLIC': "Uit de openbare ruimte",
  'progress.origin.notSaid': "Niet gezegd",
  'progress.updated': "Bijgewerkt om {time}",
  'progress.stale': "Geen verbinding: dit is de stand van {time}.",
  'progress.notFound': "Deze voortgang is niet (meer) openbaar.",
  'progress.loading': "Voortgang laden…",
  'progress.name': "Voortgang",
  'progress.cleanup.title': "Zoveel is er al opgeruimd",
  'progress.units': "Wat is er geteld",
  'progress.ofTarget': "{quantity} van {target}",
  'progress.noTarget': "Geen doel",
  'progress.day.streets': "Straten van {day}",
  'progress.day.plannedDone': "{done} van {planned} straten gedaan",
  'progress.day.noStreets': "Voor deze dag zijn nog geen straten gekozen.",
  'progress.street.done': "gedaan",
  'progress.street.notYet': "nog niet",
  'progress.counted': "{count} geteld",
  'progress.nothingYet': "Nog niets geteld.",
  'progress.street.notPlanned': "gedaan, niet gepland",
} as const;

/** The progress page's words, for `i18n.need` in the route's load; English loads when chosen. */
export const progressSection: Section = { name: 'progress', nl: nlProgress, en: async () => (await import('./en-progress.js')).enProgress };
