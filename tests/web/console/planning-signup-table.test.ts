/**
 * The planning's list of who comes, for every kind: a schouw shows who a walker is and
 * what helps them take part; tegelwippen the address, estimate, tools, help and pickup, and
 * a clean-up the same without the estimate. Contact details only where the person gave them.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SignupTable from '../../../web/src/routes/beheer/campagnes/[id]/planning/SignupTable.svelte';
import type { PlannedSignup } from '../../../web/src/lib/graphql/console/planning-operations';

/** Not busy, and removing is the page's business (it asks first). */
const actions = { busy: false, onremove: () => {} };

const base: PlannedSignup = {
  id: 's1',
  displayName: 'Fatma',
  contact: null,
  walkerKind: null,
  organisation: null,
  needs: null,
  street: null,
  houseNumber: null,
  estimateM2: null,
  estimateTiles: null,
  tools: [],
  wantsHelp: false,
  wantsPickup: false,
  status: 'CONFIRMED',
  waitingPosition: null,
  signedUpAt: '2027-03-01T10:00:00.000Z',
  joined: false,
  otherDates: [],
};

/** Each body row as its cells' text. */
const rows = (html: string) =>
  [...html.split('<tbody>')[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()));

describe('who comes on a date', () => {
  it('shows schouw walkers as resident or organisation, with what helps them', () => {
    const { body } = render(SignupTable, {
      props: {
        ...actions,
        kind: 'SCHOUW',
        signups: [
          { ...base, walkerKind: 'RESIDENT', needs: 'Ik loop langzaam', contact: '06 12345678' },
          { ...base, id: 's2', displayName: 'Kees', walkerKind: 'PROFESSIONAL', organisation: 'Woonkracht10', joined: true },
        ],
      },
    });
    expect(body).toContain('Wat helpt om mee te doen');
    expect(body).not.toContain('Gereedschap');
    expect(rows(body)).toEqual([
      ['1', 'Fatma', 'Bewoner', 'Ik loop langzaam', '06 12345678', 'Verwijderen Fatma'],
      ['2', 'Kees in de app', 'Namens Woonkracht10', '–', '–', 'Verwijderen Kees'],
    ]);
  });

  it('shows tegelwippers with address, estimate, tools, help and pickup', () => {
    const { body } = render(SignupTable, {
      props: {
        ...actions,
        kind: 'TEGELWIPPEN',
        signups: [{ ...base, street: { id: 'st', name: 'Troelstrastraat' }, houseNumber: '12', estimateTiles: 40, tools: [{ tool: { id: 't', name: 'bigbag' }, quantity: 2 }], wantsHelp: true }],
      },
    });
    expect(rows(body)).toEqual([['1', 'Fatma', 'Troelstrastraat 12', '40 tegels', '2× bigbag', 'Ja', 'Nee', '–', 'Verwijderen Fatma']]);
  });

  it('shows a clean-up’s gardens like tegelwippen, without an estimate of tiles', () => {
    const { body } = render(SignupTable, {
      props: {
        ...actions,
        kind: 'OPRUIMEN',
        signups: [{ ...base, street: { id: 'st', name: 'Troelstrastraat' }, houseNumber: '12', tools: [{ tool: { id: 't', name: 'grijper' }, quantity: 1 }], wantsPickup: true }],
      },
    });
    expect(body).not.toContain('Schatting');
    expect(rows(body)).toEqual([['1', 'Fatma', 'Troelstrastraat 12', '1× grijper', 'Nee', 'Ja', '–', 'Verwijderen Fatma']]);
    expect(render(SignupTable, { props: { ...actions, kind: 'OPRUIMEN', signups: [] } }).body).toContain('<td colspan="8">');
  });

  it('says so when nobody signed up yet', () => {
    expect(render(SignupTable, { props: { ...actions, kind: 'SCHOUW', signups: [] } }).body).toContain('Nog niemand aangemeld voor deze datum.');
  });

  it('waits with Verwijderen while another change is under way', () => {
    const { body } = render(SignupTable, { props: { ...actions, busy: true, kind: 'SCHOUW', signups: [base] } });
    expect(body).toMatch(/<button[^>]*disabled[^>]*>Verwijderen/);
  });
});
