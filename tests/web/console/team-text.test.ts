/**
 * The teams screen's words: resident or professional said in a word (not only a colour,
 * also on the rendered card), the repeated pairs in plain Dutch, and the walk date in words.
 * The date it opens on: day-choice.test.ts.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import TeamCard from '../../../web/src/routes/beheer/campagnes/[id]/teams/TeamCard.svelte';
import { repeatedPairsText, walkDateText, walkerKindText } from '../../../web/src/routes/beheer/campagnes/[id]/teams/team-text';

describe('teams screen words', () => {
  it('says resident or professional (with the organisation) in a word', () => {
    expect(walkerKindText({ walkerKind: 'RESIDENT', organisation: null })).toBe('Bewoner');
    expect(walkerKindText({ walkerKind: 'PROFESSIONAL', organisation: 'Woonkracht10' })).toBe('Professional (Woonkracht10)');
    expect(walkerKindText({ walkerKind: 'PROFESSIONAL', organisation: null })).toBe('Professional');
  });

  it('explains the repeated pairs: none, one, several', () => {
    expect(repeatedPairsText(0)).toMatch(/^Niemand loopt met iemand met wie hij of zij .* al in een team zat\./);
    expect(repeatedPairsText(1)).toMatch(/^1 tweetal loopt opnieuw samen: /);
    expect(repeatedPairsText(3)).toMatch(/^3 tweetallen lopen opnieuw samen: .*verplaats dan iemand naar een ander team\.$/);
  });

  it('names the walk date with its weekday written out', () => {
    expect(walkDateText('2027-04-03')).toBe('zaterdag 3 april 2027');
  });

  it('shows each walker’s kind on the card in words, and no move controls once the teams are locked', () => {
    const team = {
      id: 't1',
      number: 1,
      members: [
        { signupId: 's1', displayName: 'Anna', walkerKind: 'RESIDENT' as const, organisation: null },
        { signupId: 's2', displayName: 'Cor', walkerKind: 'PROFESSIONAL' as const, organisation: 'Woonkracht10' },
      ],
      spots: [{ id: 'p1', name: 'Speeltuin', type: 'SPEELPLEK' as const, street: { id: 'st', name: 'Dorpsstraat' } }],
    };
    const other = { ...team, id: 't2', number: 2, members: [], spots: [] };
    const props = { team, teams: [team, other], busy: false, onmovemember: () => {}, onmovespot: () => {} };
    const open = render(TeamCard, { props: { ...props, locked: false } }).body;
    expect(open).toContain('Bewoner');
    expect(open).toContain('Professional (Woonkracht10)');
    expect(open).toContain('aria-label="Verplaats Anna naar"');
    expect(open).toContain('aria-label="Verplaats Speeltuin naar"');
    const locked = render(TeamCard, { props: { ...props, locked: true } }).body;
    expect(locked).toContain('Professional (Woonkracht10)');
    expect(locked).not.toContain('Verplaats');
  });
});
