// The start page's words load with it (lib/i18n/sections.ts), before it shows.
import { i18n } from '$lib/i18n/i18n.svelte';
import { homeSection } from '$lib/i18n/nl-home';
import type { PageLoad } from './$types';

export const load: PageLoad = () => i18n.need(homeSection);
