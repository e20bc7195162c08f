/**
 * The words of screens that few people open, or open once: each section loads with its
 * route (the route's +page.ts or +layout.ts awaits `i18n.need(...)` before the page
 * shows), so they are not in the bundle of every field screen. The service worker
 * precaches every built chunk (globPatterns in web/vite.config.ts), so they load
 * offline too. Each nl-*.ts has its en-*.ts with the same keys (the types check it).
 */
import type { nlAbout } from './nl-about.js';
import type { nlJoin } from './nl-join.js';
import type { nlMyData } from './nl-my-data.js';
import type { nlProgress } from './nl-progress.js';
import type { nlTransfer } from './nl-transfer.js';

type Load = () => Promise<Record<string, string>>;

export const sections = {
  /** Over de app en privacy (/over). */
  about: { nl: () => import('./nl-about.js').then((m) => m.nlAbout), en: () => import('./en-about.js').then((m) => m.enAbout) },
  /** Meedoen with an invite code (/meedoen), and the contact checks of Mijn gegevens. */
  join: { nl: () => import('./nl-join.js').then((m) => m.nlJoin), en: () => import('./en-join.js').then((m) => m.enJoin) },
  /** Mijn gegevens (/mijn-gegevens). */
  myData: { nl: () => import('./nl-my-data.js').then((m) => m.nlMyData), en: () => import('./en-my-data.js').then((m) => m.enMyData) },
  /** The public progress of a tegelwip action (/voortgang). */
  progress: { nl: () => import('./nl-progress.js').then((m) => m.nlProgress), en: () => import('./en-progress.js').then((m) => m.enProgress) },
  /** Overzetten to a new phone (/overzetten). */
  transfer: { nl: () => import('./nl-transfer.js').then((m) => m.nlTransfer), en: () => import('./en-transfer.js').then((m) => m.enTransfer) },
} satisfies Record<string, { nl: Load; en: Load }>;

export type Section = keyof typeof sections;
export type SectionKey = keyof typeof nlAbout | keyof typeof nlJoin | keyof typeof nlMyData | keyof typeof nlProgress | keyof typeof nlTransfer;
