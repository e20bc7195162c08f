/**
 * The themes of a schouw: every checklist section and every finding belongs to one. Shared
 * because the server stores and orders scores by them and both the console and the field
 * app list them in this order. The words are the web's (lib/i18n).
 */
export const THEMES = ['GROEN_ONDERHOUD', 'BIODIVERSITEIT', 'KLIMAATADAPTATIE', 'SCHOON', 'HEEL', 'VEILIG', 'ONTMOETEN_SPELEN'] as const;
export type Theme = (typeof THEMES)[number];
