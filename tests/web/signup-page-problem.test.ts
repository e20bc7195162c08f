/**
 * The personal page (/aanmelding#…) tells apart what went wrong when it opens a sign-up:
 * an unknown link is "not found", but after too many unknown links from one address the
 * server makes you wait, and the page says so with the wait the server gives, instead
 * of calling a good link "not found". Against the real server, through the web client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '$lib/graphql/client';
import { MY_SIGNUP } from '$lib/graphql/signup-operations';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { signupSection } from '$lib/i18n/nl-signup';
import { openProblem } from '../../web/src/routes/(field)/aanmelding/open-problem';
import { gqlAgainst } from '../support/web-gql.js';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';

beforeAll(() => i18n.need(signupSection));

describe('the personal page when a link does not open', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture({ LOGIN_MAX_ATTEMPTS_PER_IP: '2', LOGIN_WINDOW_MINUTES: '15' });
  }, 30_000);
  afterAll(() => fx?.t.close());

  const opened = async (token: string) => {
    try {
      await gqlAgainst(() => fx.t.url)(MY_SIGNUP, { token });
      return null;
    } catch (error) {
      const problem = openProblem(error);
      return t(problem.key, problem.params);
    }
  };

  it('says "not found" for an unknown link, and the wait once the server asks to wait', async () => {
    const { body } = await fx.signUpTegelwip();
    const good = body.data.signUp.token as string;
    expect(await opened('onbekend-1')).toBe('We vinden deze aanmelding niet. Kijk of de link compleet is.');
    expect(await opened('onbekend-2')).toBe('We vinden deze aanmelding niet. Kijk of de link compleet is.');
    // Now even the good link waits: the page must not call it unknown.
    expect(await opened(good)).toBe('Te vaak geprobeerd. Probeer het over 15 minuten opnieuw.');
  });

  it('says a minute, or a few minutes when the server gives no wait, and offline as offline', () => {
    const limited = (seconds: number | null) => openProblem(new GraphQLRequestError('Te veel.', 'RATE_LIMITED', 429, [], seconds));
    expect(t(limited(42).key)).toBe('Te vaak geprobeerd. Probeer het over een minuut opnieuw.');
    expect(t(limited(null).key)).toBe('Te vaak geprobeerd. Probeer het over een paar minuten opnieuw.');
    expect(t(openProblem(new GraphQLRequestError('Geen verbinding.', 'OFFLINE', 0)).key)).toBe(t('signup.offline'));
  });
});
