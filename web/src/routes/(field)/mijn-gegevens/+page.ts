// This screen's words load with it (lib/i18n/sections.ts), before it shows; the contact
// details are checked with the words of Meedoen.
import { i18n } from '$lib/i18n/i18n.svelte';
import { myDataSection } from '$lib/i18n/nl-my-data';
import { joinSection } from '$lib/i18n/nl-join';
import type { PageLoad } from './$types';

export const load: PageLoad = () => i18n.need(myDataSection, joinSection);
