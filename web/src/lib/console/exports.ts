/**
 * Addresses of the server's CSV downloads that console pages link to (server/src/http/
 * export-routes.ts). A staff session cookie authorizes them. These come in the variant for
 * people in Dutch Excel (";" and decimal commas) and a raw one with codes and UTC times for
 * integrations.
 */
export type CsvVariant = 'excel' | 'raw';

const query = (variant: CsvVariant) => (variant === 'excel' ? '?separator=semicolon' : '?format=raw');

/** The HVC pickup list of one clean-up day. */
export const hvcCsvUrl = (dayId: string, variant: CsvVariant): string => `/exports/days/${dayId}/hvc-ophaallijst.csv${query(variant)}`;
