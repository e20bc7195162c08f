/**
 * Keeps a tegelwip dashboard fresh: asks again every few seconds while the page is open,
 * so counts synced from the street appear without a reload. A failed refresh keeps the
 * last numbers on screen and says since when they are.
 */
import { staffGql } from './api';
import { TALLY_DASHBOARD, type TallyDashboard } from './operations';

export const REFRESH_MS = 5_000;

export class TallyPoller {
  dashboard = $state.raw<TallyDashboard | null>(null);
  updatedAt = $state<Date | null>(null);
  failing = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly campaignId: string,
    readonly top = 10,
  ) {}

  async refresh(): Promise<void> {
    try {
      const { tallyDashboard } = await staffGql<{ tallyDashboard: TallyDashboard }>(TALLY_DASHBOARD, { id: this.campaignId, top: this.top });
      this.dashboard = tallyDashboard;
      this.updatedAt = new Date();
      this.failing = false;
    } catch {
      this.failing = true;
    }
  }

  /** Starts refreshing; returns the function that stops it (for onMount). */
  start(): () => void {
    void this.refresh();
    // A hidden tab asks nothing; it catches up as soon as it is shown again.
    this.#timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void this.refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(this.#timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }
}

export const clock = (d: Date): string => d.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
