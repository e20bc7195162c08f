/** The coordinators' dashboard of a tegelwip or clean-up action as live data (the dashboard page and the big screen). */
import { LiveData } from '$lib/live/live-data.svelte';
import { staffGql } from './api';
import { TALLY_DASHBOARD, type TallyDashboard } from '$lib/graphql/console/score-operations';

export const liveTallyDashboard = (campaignId: string, top = 10): LiveData<TallyDashboard> =>
  new LiveData(async () => (await staffGql(TALLY_DASHBOARD, { id: campaignId, top })).tallyDashboard);
