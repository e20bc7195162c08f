/**
 * The counter's figures in the reader's language: with the app in English, the street's
 * and the campaign's m², the target and the per-unit counts are written the English way
 * ("4.92", "1,500"), as the words around them are, not with Dutch decimals.
 */
import { render } from 'svelte/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TallyCounter } from '$lib/counter/counter.svelte';
import type { CounterUnit } from '$lib/counter/units';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { JoinedCampaign } from '$lib/offline/field-store';

vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
const { default: CounterBar } = await import('../../../web/src/routes/(field)/tellen/CounterBar.svelte');
const { default: CounterTotals } = await import('../../../web/src/routes/(field)/tellen/CounterTotals.svelte');

const storage = { setItem: () => {} };
const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const tiles: CounterUnit[] = [{ code: 'TEGEL_30X30', areaCm2PerPiece: 900, measured: false, target: null }];
const bulky: CounterUnit[] = [{ code: 'GROFVUIL', areaCm2PerPiece: 0, measured: false, target: 2000 }];
const counterWith = (totals: Partial<TallyCounter['totals']>) =>
  ({ undoable: null, totals: { streetCm2: 0, mineCm2: 0, pendingCm2: 0, campaignCm2: 0, street: {}, mineOnStreet: {}, mine: {}, campaign: {}, ...totals } }) as unknown as TallyCounter;

describe('the counter in English', () => {
  beforeAll(() => i18n.set('en', storage));
  afterAll(() => i18n.set('nl', storage));

  it('writes the street total in m² with an English decimal point', () => {
    const { body } = render(CounterBar, { props: { counter: counterWith({ streetCm2: 49_200 }), units: tiles, message: '', onundo: () => {} } });
    expect(text(body)).toContain('4.92 m²');
    expect(text(body)).not.toMatch(/\d,\d{2} m²/);
  });

  it('writes counts of other units with English grouping', () => {
    const { body } = render(CounterBar, { props: { counter: counterWith({ street: { GROFVUIL: 1203 }, mineOnStreet: { GROFVUIL: 1500 } }), units: bulky, message: '', onundo: () => {} } });
    expect(text(body)).toContain('1,203');
    expect(text(body)).toContain('you: 1,500');
  });

  it('writes my total, what is not sent yet and the campaign against its target the English way', () => {
    const campaign = { targetAreaM2: 1500 } as JoinedCampaign['campaign'];
    const counter = counterWith({ mineCm2: 12_345, pendingCm2: 4_500, campaignCm2: 1_234_567, mine: {}, campaign: {} });
    const { body } = render(CounterTotals, { props: { counter, campaign, units: tiles } });
    expect(text(body)).toContain('1.23 m²');
    expect(text(body)).toContain('Not yet sent: 0.45 m²');
    expect(text(body)).toContain('123.46 of 1,500 m² (8.2%)');
  });
});
