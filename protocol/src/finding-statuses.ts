/**
 * The statuses a finding (bevinding) moves through, and which of them count as handled.
 * Shared because the server stores and reports them, the console filters on and names
 * them, and the field app shows them to the reporter. Which status may follow which is
 * the server's rule (server/src/modules/finding/finding-workflow.ts); the words are the
 * web's (lib/i18n).
 */
export const FINDING_STATUSES = ['NIEUW', 'IN_BEHANDELING', 'INGEPLAND', 'AFGEHANDELD', 'NIET_OPPAKBAAR', 'HEROPEND'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Done, or not doable with the reason told to the reporter: counted as handled in the results and the report. */
export const HANDLED_STATUSES = ['AFGEHANDELD', 'NIET_OPPAKBAAR'] as const satisfies readonly FindingStatus[];

export const isHandledStatus = (status: string): boolean => (HANDLED_STATUSES as readonly string[]).includes(status);
