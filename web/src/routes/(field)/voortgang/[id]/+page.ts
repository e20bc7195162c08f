import { i18n } from '$lib/i18n/i18n.svelte';
import { progressSection } from '$lib/i18n/nl-progress';
import { ask } from '$lib/live/live-data.svelte';
import { prepareFigureFormats } from '$lib/tally/tally-figures';
import { publicProgress } from './public-progress';
import type { PageLoad } from './$types';

// The first figures are asked for while this screen's words load (lib/i18n/sections.ts),
// not after its first render: on a slow phone connection they show a round trip sooner.
export const load: PageLoad = async ({ params }) => {
  const first = ask(() => publicProgress(params.id));
  // Taken by the page's LiveData, which shows a failure; until then not "unhandled".
  first.catch(() => {});
  await i18n.need(progressSection);
  // While the figures are on their way (the language is settled once the words are in).
  prepareFigureFormats(i18n.intlLocale);
  return { first };
};
