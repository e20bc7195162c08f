// The words of the schouw's screens load with them (lib/i18n/sections.ts), before they show.
import { i18n } from '$lib/i18n/i18n.svelte';
import { walkSection } from '$lib/i18n/nl-walk';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = () => i18n.need(walkSection);
