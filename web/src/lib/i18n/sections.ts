/**
 * The words of screens outside the field app's core. A route imports its sections (the
 * Dutch words travel in the route's own chunks, fetched together with its code) and its
 * `load` awaits `i18n.need(...)`, so its page uses t() at once; English loads when
 * chosen. So these words are not in the bundle every field screen carries. The service
 * worker precaches every built chunk (globPatterns in web/vite.config.ts), so they are
 * there offline too. Each nl-*.ts has its en-*.ts with the same keys (the types check it).
 */
import type { nlAbout } from './nl-about.js';
import type { nlHome } from './nl-home.js';
import type { nlJoin } from './nl-join.js';
import type { nlMyData } from './nl-my-data.js';
import type { nlProgress } from './nl-progress.js';
import type { nlQuestionnaire } from './nl-questionnaire.js';
import type { nlSignup } from './nl-signup.js';
import type { nlTransfer } from './nl-transfer.js';
import type { nlWalk } from './nl-walk.js';

export interface Section {
  /** One name per section: a section is added once, and changes language with the rest. */
  name: string;
  nl: Readonly<Record<string, string>>;
  en: () => Promise<Readonly<Record<string, string>>>;
}

export type SectionKey = keyof typeof nlAbout | keyof typeof nlHome | keyof typeof nlJoin | keyof typeof nlMyData | keyof typeof nlProgress | keyof typeof nlQuestionnaire | keyof typeof nlSignup | keyof typeof nlTransfer | keyof typeof nlWalk;
