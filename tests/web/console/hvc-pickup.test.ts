/**
 * The words of the HVC pickup list: what to take away at an address ("1 stuk grofvuil",
 * "3 stuks grofvuil"), everything on the list added up per unit, and where its two CSV
 * variants are.
 */
import { describe, expect, it } from 'vitest';
import { hvcCsvUrl } from '$lib/console/exports';
import { itemsText, pickupTotals } from '$lib/console/hvc-pickup';

describe('the HVC pickup list in words', () => {
  it('says what to take away, one or many', () => {
    expect(itemsText([{ unit: 'GROFVUIL', quantity: 1 }])).toBe('1 stuk grofvuil');
    expect(itemsText([{ unit: 'GROFVUIL', quantity: 3 }, { unit: 'ZAK_TUINAFVAL', quantity: 2 }])).toBe('3 stuks grofvuil, 2 zakken tuinafval');
    expect(itemsText([])).toBe('–');
  });

  it('adds up the whole list per unit', () => {
    const rows = [{ items: [{ unit: 'GROFVUIL' as const, quantity: 3 }] }, { items: [{ unit: 'GROFVUIL' as const, quantity: 1200 }] }, { items: [] }];
    expect(pickupTotals(rows)).toEqual([{ unit: 'GROFVUIL', quantity: 1203 }]);
    expect(itemsText(pickupTotals(rows))).toBe('1.203 stuks grofvuil');
  });

  it('links the CSV for Dutch Excel and the raw one for integrations', () => {
    expect(hvcCsvUrl('d1', 'excel')).toBe('/exports/days/d1/hvc-ophaallijst.csv?separator=semicolon');
    expect(hvcCsvUrl('d1', 'raw')).toBe('/exports/days/d1/hvc-ophaallijst.csv?format=raw');
  });
});
