/** Staff sign-in, sessions, password changes, invites and disabling, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { PasswordHasher } from '../../server/src/auth/password.js';
import { accessFixture, PASSWORD, type AccessFixture } from '../support/access-fixtures.js';
import { graphql, startTestApp } from '../support/test-app.js';

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { email role } }';
const VIEWER = '{ viewer { kind staffAccount { email } } organisations { edges { node { name } } } }';

function sessionCookie(headers: Headers): { value: string; attributes: string } | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith('bk_session='));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';');
  return { value: pair!.slice('bk_session='.length), attributes: attributes.join(';') };
}

async function login(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  return graphql(url, LOGIN, { input: { email, password } }, headers);
}

describe('staff accounts', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture({ SESSION_IDLE_MINUTES: '30', LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3' });
  });
  afterAll(() => fx.t.close());

  it('stores passwords as argon2id with m=19 MiB, t=2, p=1', async () => {
    const { email } = await fx.makeStaff('PARTNER');
    const row = await fx.t.app.connection.db.selectFrom('staff_account').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('signs in with a 128-bit session id in an HttpOnly, SameSite=Lax, Secure cookie stored only as a hash', async () => {
    const { email } = await fx.makeStaff('PARTNER');
    const { body, headers } = await login(fx.t.url, email.toUpperCase(), PASSWORD);
    expect(body.data.login).toEqual({ email, role: 'PARTNER' });
    const cookie = sessionCookie(headers)!;
    expect(Buffer.from(cookie.value, 'base64url')).toHaveLength(16);
    expect(cookie.attributes).toMatch(/HttpOnly/);
    expect(cookie.attributes).toMatch(/SameSite=Lax/);
    expect(cookie.attributes).toMatch(/Path=\//);
    expect(cookie.attributes).toMatch(/Secure/);
    const stored = await fx.t.app.connection.db.selectFrom('staff_session').select('id_hash').where('id_hash', '=', hashSecret(cookie.value)).execute();
    expect(stored).toHaveLength(1);
    const me = await graphql(fx.t.url, VIEWER, undefined, { cookie: `bk_session=${cookie.value}` });
    expect(me.body.data.viewer).toEqual({ kind: 'STAFF', staffAccount: { email } });
  });

  it('issues a new session id at every sign-in and ends the one the browser sent', async () => {
    const { email } = await fx.makeStaff('PARTNER');
    const first = sessionCookie((await login(fx.t.url, email, PASSWORD)).headers)!.value;
    const second = sessionCookie((await login(fx.t.url, email, PASSWORD, { cookie: `bk_session=${first}` })).headers)!.value;
    expect(second).not.toBe(first);
    const old = await graphql(fx.t.url, VIEWER, undefined, { cookie: `bk_session=${first}` });
    expect(old.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
  });

  it('answers a wrong password and an unknown address the same way, and changes nothing', async () => {
    const { email } = await fx.makeStaff('PARTNER');
    const wrong = await login(fx.t.url, email, 'niet het goede wachtwoord');
    const unknown = await login(fx.t.url, 'niemand@test.example', 'niet het goede wachtwoord');
    expect(wrong.body.errors[0]).toMatchObject({ message: 'Het e-mailadres of het wachtwoord klopt niet.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.body.errors[0].message).toBe(wrong.body.errors[0].message);
    expect(sessionCookie(wrong.headers)).toBeUndefined();
  });

  it('throttles sign-in per account with 429 and Retry-After, even for the right password', async () => {
    const { email } = await fx.makeStaff('PARTNER');
    for (let i = 0; i < 3; i++) await login(fx.t.url, email, 'fout wachtwoord nummer ' + i);
    const blocked = await login(fx.t.url, email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(sessionCookie(blocked.headers)).toBeUndefined();
  });

  it('ends a session after the idle time and after the absolute lifetime, with a clear error and a cleared cookie', async () => {
    const db = fx.t.app.connection.db;
    for (const column of ['last_seen_at', 'expires_at'] as const) {
      const { headers } = await fx.makeStaff('PARTNER');
      const sessionId = headers.cookie!.slice('bk_session='.length);
      const past = new Date(Date.now() - 31 * 60_000).toISOString();
      await db.updateTable('staff_session').set({ [column]: past }).where('id_hash', '=', hashSecret(sessionId)).execute();
      const response = await graphql(fx.t.url, VIEWER, undefined, headers);
      expect(response.body.errors[0]).toMatchObject({ message: 'Je sessie is verlopen. Log opnieuw in.', extensions: { code: 'UNAUTHENTICATED' } });
      expect(response.status).toBe(401);
      expect(sessionCookie(response.headers)?.value).toBe('');
    }
  });

  it('logs out: the session no longer works', async () => {
    const { headers } = await fx.makeStaff('PARTNER');
    await graphql(fx.t.url, 'mutation { logout }', undefined, headers);
    const after = await graphql(fx.t.url, VIEWER, undefined, headers);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('changes a password: the current session stays, other sessions end, weak or wrong input is refused', async () => {
    const staff = await fx.makeStaff('COORDINATOR', [fx.neighbourhoodA]);
    const other = sessionCookie((await login(fx.t.url, staff.email, PASSWORD)).headers)!.value;
    const change = (currentPassword: string, newPassword: string) =>
      graphql(fx.t.url, 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }', { input: { currentPassword, newPassword } }, staff.headers);
    expect((await change('verkeerd wachtwoord!', 'nieuw en lang wachtwoord')).body.errors[0].message).toBe('Je huidige wachtwoord klopt niet.');
    expect((await change(PASSWORD, 'kort')).body.errors[0].message).toBe('Kies een wachtwoord van minstens 12 tekens.');
    expect((await change(PASSWORD, 'nieuw en lang wachtwoord')).body.data.changePassword).toBe(true);
    expect((await graphql(fx.t.url, VIEWER, undefined, staff.headers)).body.data.viewer.kind).toBe('STAFF');
    expect((await graphql(fx.t.url, VIEWER, undefined, { cookie: `bk_session=${other}` })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await login(fx.t.url, staff.email, 'nieuw en lang wachtwoord')).body.data.login.email).toBe(staff.email);
  });

  it('invites a coordinator with a one-time link that expires', async () => {
    const invite = await graphql(
      fx.t.url,
      'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { link invite { email role expiresAt } } }',
      { input: { email: 'Nieuwe.Coordinator@Test.example', role: 'COORDINATOR', neighbourhoodIds: [fx.neighbourhoodA], expiresInDays: 3 } },
      fx.headers.admin,
    );
    const { link, invite: details } = invite.body.data.inviteStaff;
    expect(details.email).toBe('nieuwe.coordinator@test.example');
    expect(Date.parse(details.expiresAt) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    const token = new URL(link).hash.slice(1);
    const accept = (password: string) =>
      graphql(fx.t.url, 'mutation($input: AcceptStaffInviteInput!) { acceptStaffInvite(input: $input) { email role } }', {
        input: { token, displayName: 'Nieuwe coördinator', password },
      });
    expect((await accept('kort')).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const accepted = await accept('een sterk wachtwoord voor mij');
    expect(accepted.body.data.acceptStaffInvite).toEqual({ email: 'nieuwe.coordinator@test.example', role: 'COORDINATOR' });
    const cookie = sessionCookie(accepted.headers)!.value;
    const campaigns = await graphql(fx.t.url, '{ campaigns { edges { node { name } } } }', undefined, { cookie: `bk_session=${cookie}` });
    expect(campaigns.body.data.campaigns.edges.map((e: any) => e.node.name)).toContain('Tegelwippen Staatsliedenbuurt');
    expect(campaigns.body.data.campaigns.edges.map((e: any) => e.node.name)).not.toContain('Tegelwippen Schildersbuurt');
    expect((await accept('een sterk wachtwoord voor mij')).body.errors[0].message).toMatch(/niet \(meer\) geldig/);

    const expired = await graphql(
      fx.t.url,
      'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { link invite { id } } }',
      { input: { email: 'te-laat@test.example', role: 'PARTNER', organisationId: fx.organisationId } },
      fx.headers.admin,
    );
    await fx.t.app.connection.db.updateTable('staff_invite').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expired.body.data.inviteStaff.invite.id).execute();
    const late = await graphql(fx.t.url, 'mutation($input: AcceptStaffInviteInput!) { acceptStaffInvite(input: $input) { email } }', {
      input: { token: new URL(expired.body.data.inviteStaff.link).hash.slice(1), displayName: 'Te laat', password: 'een sterk wachtwoord voor mij' },
    });
    expect(late.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('disables an account: its sessions end, it cannot sign in, and the action is audited', async () => {
    const staff = await fx.makeStaff('PARTNER');
    const disabled = await graphql(fx.t.url, 'mutation($id: ID!) { disableStaffAccount(accountId: $id) { disabledAt } }', { id: staff.id }, fx.headers.admin);
    expect(disabled.body.data.disableStaffAccount.disabledAt).toBeTruthy();
    expect((await graphql(fx.t.url, VIEWER, undefined, staff.headers)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await login(fx.t.url, staff.email, PASSWORD)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const audit = await graphql(fx.t.url, '{ auditEvents(first: 5) { edges { node { action subjectId actorAccountId } } } }', undefined, fx.headers.admin);
    expect(audit.body.data.auditEvents.edges[0].node).toEqual({ action: 'staff.disabled', subjectId: staff.id, actorAccountId: fx.ids.admin });
  });
});

describe('session cookie in development', () => {
  it('is not Secure, so it works over plain http://localhost', async () => {
    const fx = await accessFixture({ NODE_ENV: 'development' });
    try {
      const { email } = await fx.makeStaff('PARTNER');
      const cookie = sessionCookie((await login(fx.t.url, email, PASSWORD)).headers)!;
      expect(cookie.attributes).not.toMatch(/Secure/);
    } finally {
      await fx.t.close();
    }
  });
});

describe('password hashing capacity', () => {
  it('runs at most the configured number of hashes and refuses beyond its queue', async () => {
    const hasher = new PasswordHasher(1, 1);
    const running = [hasher.hash('wachtwoord een'), hasher.hash('wachtwoord twee')];
    await expect(hasher.hash('wachtwoord drie')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const [a, b] = await Promise.all(running);
    expect(await hasher.verify(a!, 'wachtwoord een')).toBe(true);
    expect(await hasher.verify(b!, 'wachtwoord een')).toBe(false);
  });
});

describe('login throttle per IP', () => {
  it('blocks an address that fails on many accounts', async () => {
    const t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
    try {
      for (let i = 0; i < 3; i++) await login(t.url, `persoon${i}@test.example`, 'wat dan ook, fout');
      const blocked = await login(t.url, 'iemand-anders@test.example', 'wat dan ook, fout');
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBeTruthy();
    } finally {
      await t.close();
    }
  });
});
