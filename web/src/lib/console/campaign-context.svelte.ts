/**
 * The campaign a console screen under /beheer/campagnes/[id] works on, loaded once by
 * that folder's layout and shared with its pages through Svelte context.
 */
import { getContext, setContext } from 'svelte';
import { staffGql } from './api';
import { CAMPAIGN, type CampaignDetail } from '$lib/graphql/console/campaign-operations';

const KEY = Symbol('campaign');

export class CampaignState {
  campaign = $state.raw<CampaignDetail | null>(null);
  notFound = $state(false);

  constructor(readonly id: string) {}

  async reload(): Promise<void> {
    const { campaign } = await staffGql(CAMPAIGN, { id: this.id });
    this.campaign = campaign;
    this.notFound = campaign === null;
  }
}

export const provideCampaign = (state: CampaignState): CampaignState => setContext(KEY, state);
export const useCampaign = (): CampaignState => getContext<CampaignState>(KEY);
