// The words of both Meedoen screens load with them (lib/i18n/sections.ts), before they show.
import { i18n } from '$lib/i18n/i18n.svelte';
import { joinSection } from '$lib/i18n/nl-join';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = () => i18n.need(joinSection);
