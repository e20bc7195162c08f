// The questionnaire's words load with the form (lib/i18n/sections.ts), before it shows.
import { i18n } from '$lib/i18n/i18n.svelte';
import { questionnaireSection } from '$lib/i18n/nl-questionnaire';
import type { PageLoad } from './$types';

export const load: PageLoad = () => i18n.need(questionnaireSection);
