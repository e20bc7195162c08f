/**
 * The follow-up workflow of a finding. Every status is visible to the reporter and the
 * other participants, so every change carries a public message in plain Dutch.
 */
import type { FindingStatus } from './finding.table.js';

export const allowedTransitions: Record<FindingStatus, readonly FindingStatus[]> = {
  NIEUW: ['IN_BEHANDELING', 'INGEPLAND', 'AFGEHANDELD', 'NIET_OPPAKBAAR'],
  IN_BEHANDELING: ['INGEPLAND', 'AFGEHANDELD', 'NIET_OPPAKBAAR'],
  INGEPLAND: ['IN_BEHANDELING', 'AFGEHANDELD', 'NIET_OPPAKBAAR'],
  AFGEHANDELD: ['HEROPEND'],
  NIET_OPPAKBAAR: ['HEROPEND'],
  HEROPEND: ['IN_BEHANDELING', 'INGEPLAND', 'AFGEHANDELD', 'NIET_OPPAKBAAR'],
};

export const statusLabels: Record<FindingStatus, string> = {
  NIEUW: 'nieuw',
  IN_BEHANDELING: 'in behandeling',
  INGEPLAND: 'ingepland',
  AFGEHANDELD: 'afgehandeld',
  NIET_OPPAKBAAR: 'niet oppakbaar',
  HEROPEND: 'heropend',
};

export const canTransition = (from: FindingStatus, to: FindingStatus): boolean => allowedTransitions[from].includes(to);

/** A public message must say something: at least a short sentence. */
export const PUBLIC_MESSAGE_MIN = 10;
export const PUBLIC_MESSAGE_MAX = 1000;
