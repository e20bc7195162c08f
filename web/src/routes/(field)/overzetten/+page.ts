// This screen's words load with it (lib/i18n/sections.ts), before it shows.
import { i18n } from '$lib/i18n/i18n.svelte';
import { transferSection } from '$lib/i18n/nl-transfer';
import type { PageLoad } from './$types';

export const load: PageLoad = () => i18n.need(transferSection);
