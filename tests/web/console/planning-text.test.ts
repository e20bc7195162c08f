/**
 * The planning's sentences: places against capacity, tools against stock (a shortage in
 * words and with a warning sign, never only in colour), who or where a person is, and the
 * date with its weekday. The date it opens on: day-choice.test.ts.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ToolDemandList from '../../../web/src/routes/beheer/campagnes/[id]/planning/ToolDemandList.svelte';
import {
  areaText,
  byStreet,
  dayText,
  estimateText,
  placesText,
  removedText,
  removeQuestion,
  toolLine,
  toolsText,
  whoOrWhere,
} from '../../../web/src/routes/beheer/campagnes/[id]/planning/planning-text';

const tool = (name: string, stock: number | null) => ({ id: name, name, stock });

describe('planning sentences', () => {
  it('says places against capacity, and by how many a date is over it', () => {
    expect(placesText(18, 20)).toBe('18 van 20 plekken bezet');
    expect(placesText(1, 1)).toBe('1 van 1 plek bezet');
    expect(placesText(22, 20)).toBe('22 van 20 plekken bezet, 2 meer dan het maximum');
    expect(placesText(3, null)).toBe('3 aanmeldingen (geen maximum)');
    expect(placesText(1, null)).toBe('1 aanmelding (geen maximum)');
  });

  it('says a tool shortage in words, enough stock as enough, and a stock not entered as such', () => {
    expect(toolLine({ tool: tool('kruiwagen', 6), requested: 9, short: 3 })).toEqual({ text: 'Kruiwagen: 9 gevraagd, 6 beschikbaar', verdict: '3 te kort', short: true });
    expect(toolLine({ tool: tool('bigbag', 10), requested: 4, short: 0 })).toEqual({ text: 'Bigbag: 4 gevraagd, 10 beschikbaar', verdict: 'genoeg', short: false });
    expect(toolLine({ tool: tool('tegellichter', null), requested: 2, short: 0 })).toEqual({ text: 'Tegellichter: 2 gevraagd', verdict: 'voorraad niet ingevuld', short: false });
  });

  it('marks a shortage with a warning sign and the words, enough with a check mark', () => {
    const { body } = render(ToolDemandList, {
      props: {
        tools: [
          { tool: tool('kruiwagen', 6), requested: 9, short: 3 },
          { tool: tool('bigbag', 10), requested: 4, short: 0 },
        ],
      },
    });
    const text = body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('⚠ Kruiwagen: 9 gevraagd, 6 beschikbaar — 3 te kort');
    expect(text).toContain('✓ Bigbag: 4 gevraagd, 10 beschikbaar — genoeg');
    expect(body.match(/<li class="[^"]*\bshort\b/g)).toHaveLength(1);
  });

  it('lists tools, addresses, schouw walkers and estimates', () => {
    expect(toolsText([])).toBe('–');
    expect(toolsText([{ tool: { name: 'kruiwagen' }, quantity: 2 }, { tool: { name: 'tegellichter' }, quantity: 1 }])).toBe('2× kruiwagen, 1× tegellichter');
    const person = { walkerKind: null, organisation: null, street: null, houseNumber: null };
    expect(whoOrWhere({ ...person, street: { name: 'Dorpsstraat' }, houseNumber: '12a' })).toBe('Dorpsstraat 12a');
    expect(whoOrWhere({ ...person, walkerKind: 'RESIDENT' })).toBe('Bewoner');
    expect(whoOrWhere({ ...person, walkerKind: 'PROFESSIONAL', organisation: 'Woonvisie' })).toBe('Namens Woonvisie');
    expect(whoOrWhere(person)).toBe('–');
    expect(estimateText({ estimateM2: 12, estimateTiles: null })).toBe('12 m²');
    expect(estimateText({ estimateM2: null, estimateTiles: 1 })).toBe('1 tegel');
    expect(estimateText({ estimateM2: 5, estimateTiles: 40 })).toBe('5 m² of 40 tegels');
    expect(estimateText({ estimateM2: null, estimateTiles: null })).toBe('–');
    expect(areaText(12.25, '–')).toBe('12,3 m²');
    expect(areaText(null, 'nog niet geteld')).toBe('nog niet geteld');
  });

  it('names a date with its weekday, as a date tab says it', () => {
    expect(dayText('2027-03-20')).toBe('za 20 maart 2027');
  });

  it('asks before taking someone off the list: where the place goes, that the data is erased', () => {
    const anna = { id: 'a', displayName: 'Anna', status: 'CONFIRMED' as const, otherDates: [] };
    const bram = { id: 'b', displayName: 'Bram', status: 'WAITING' as const, otherDates: [] };
    const full = { day: { date: '2027-03-14' }, capacity: 2, confirmedCount: 2, waitingCount: 1, confirmed: [anna], waiting: [bram] };
    expect(removeQuestion(anna, full)).toBe('Anna van de lijst halen? De plek gaat naar de eerste op de wachtlijst. De gegevens van Anna worden gewist. Dat kun je niet terugdraaien.');
    expect(removeQuestion(anna, { ...full, waitingCount: 0, waiting: [] })).toBe('Anna van de lijst halen? Er komt een plek vrij. De gegevens van Anna worden gewist. Dat kun je niet terugdraaien.');
    // Over the maximum (someone was let in anyway): no place comes free.
    expect(removeQuestion(anna, { ...full, confirmedCount: 3 })).toBe('Anna van de lijst halen? De gegevens van Anna worden gewist. Dat kun je niet terugdraaien.');
    expect(removeQuestion(bram, full)).toBe('Bram van de wachtlijst halen? De gegevens van Bram worden gewist. Dat kun je niet terugdraaien.');
  });

  it('names the other dates the person is taken off too, only when there are any; the year only when it differs', () => {
    const day = (date: string) => ({ date });
    const planning = { day: day('2026-03-14'), capacity: null, confirmedCount: 1, waitingCount: 0, confirmed: [], waiting: [] };
    const anna = (dates: string[]) => ({ id: 'a', displayName: 'Anna', status: 'CONFIRMED' as const, otherDates: dates.map(day) });
    const erased = 'De gegevens van Anna worden gewist. Dat kun je niet terugdraaien.';
    expect(removeQuestion(anna(['2026-03-21', '2026-03-28']), planning)).toBe(`Anna van de lijst halen? Er komt een plek vrij. Ook op za 21 maart en za 28 maart haal je Anna weg. ${erased}`);
    expect(removeQuestion(anna(['2026-03-21']), planning)).toContain(' Ook op za 21 maart haal je Anna weg. ');
    expect(removeQuestion(anna(['2026-03-21', '2026-03-28', '2027-01-09']), planning)).toContain(' Ook op za 21 maart, za 28 maart en za 9 januari 2027 haal je Anna weg. ');
    expect(removeQuestion(anna([]), planning)).not.toContain('Ook op');
  });

  it('says afterwards who is off the list and who moved up', () => {
    const anna = { id: 'a', displayName: 'Anna', status: 'CONFIRMED' as const };
    const bram = { id: 'b', displayName: 'Bram', status: 'WAITING' as const };
    const before = { capacity: 1, confirmedCount: 1, waitingCount: 1, confirmed: [anna], waiting: [bram] };
    const after = { capacity: 1, confirmedCount: 1, waitingCount: 0, confirmed: [{ ...bram, status: 'CONFIRMED' as const }], waiting: [] };
    expect(removedText('Anna', before, after)).toBe('Anna staat niet meer op de lijst en de gegevens zijn gewist. Bram staat nu bij wie er komt.');
    expect(removedText('Bram', before, { ...before, waitingCount: 0, waiting: [] })).toBe('Bram staat niet meer op de lijst en de gegevens zijn gewist.');
  });

  it('groups pickup rows by street in the order they come', () => {
    const a = { id: '1', name: 'Anjerstraat' };
    const b = { id: '2', name: 'Beukenlaan' };
    const groups = byStreet([
      { street: a, houseNumber: '2' },
      { street: a, houseNumber: '4' },
      { street: b, houseNumber: '1' },
    ]);
    expect(groups.map((g) => [g.street.name, g.rows.map((r) => r.houseNumber)])).toEqual([
      ['Anjerstraat', ['2', '4']],
      ['Beukenlaan', ['1']],
    ]);
  });
});
