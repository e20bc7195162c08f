/** English strings of the progress page (see nl-progress.ts). */
import type { nlProgress } from './nl-progress.js';

export const enProgress: Record<keyof typeof nlProgress, string> = {
  'progress.title': "This many tiles have been lifted",
  'progress.total': "{m2} m² of {target} m²",
  'progress.nk': "{nk} NK tiles (30×30)",
  'progress.percent': "{percent}% of the goal",
  'progress.streets': "Per street",
  'progress.days': "Per action day",
  'progress.gardens': "{count} gardens greened",
  'progress.gardensOne': "1 garden greened",
  'progress.origin': "Where did the tiles come from?",
  'progress.origin.GARDEN': "From gardens",
  'progress.origin.PUBLIC': "From the public space",
  'progress.origin.notSaid': "Not said",
  'progress.updated': "Updated at {time}",
  'progress.stale': "No connection: this is the state of {time}.",
  'progress.notFound': "This progress page is not (or no longer) public.",
  'progress.loading': "Loading progress…",
};
