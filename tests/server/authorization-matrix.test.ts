/**
 * Every query and mutation, as every role (and anonymous, and a participant or
 * coordinator of another campaign or neighbourhood), over real HTTP: allowed answers
 * carry data, refused ones carry UNAUTHENTICATED (no credentials) or NOT_FOUND (signed
 * in but not yours) and change nothing in the database.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { createCampaign } from '../../server/src/modules/campaign/campaign.service.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { accessFixture, PASSWORD, roles, type AccessFixture, type Role } from '../support/access-fixtures.js';

interface Operation {
  name: string;
  /** The root field whose value shows the call was allowed. */
  field: string;
  query: string;
  variables?: (fx: AccessFixture) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: readonly Role[];
  /** The operation changes or ends the caller: run it with new credentials each time. */
  consumesCaller?: boolean;
  /** Refusal shows as a null answer (nullable lookups) rather than an error. */
  refusedAsNull?: boolean;
}

const everyone = roles;
const staff = ['admin', 'coordinator', 'otherCoordinator', 'partner'] as const;
const managersOfA = ['admin', 'coordinator'] as const;
const participants = ['participant', 'otherParticipant'] as const;

const operations: Operation[] = [
  { name: 'viewer', field: 'viewer', query: '{ viewer { kind } }', allowed: everyone },
  { name: 'serverInfo', field: 'serverInfo', query: '{ serverInfo { serverTime } }', allowed: everyone },
  { name: 'neighbourhoods', field: 'neighbourhoods', query: '{ neighbourhoods { edges { node { name } } } }', allowed: everyone },
  { name: 'neighbourhood', field: 'neighbourhood', query: '{ neighbourhood(slug: "staatsliedenbuurt") { name } }', allowed: everyone },
  { name: 'organisations', field: 'organisations', query: '{ organisations { edges { node { name } } } }', allowed: staff },
  { name: 'staffAccounts', field: 'staffAccounts', query: '{ staffAccounts { edges { node { email role } } } }', allowed: ['admin'] },
  { name: 'staffInvites', field: 'staffInvites', query: '{ staffInvites { edges { node { email } } } }', allowed: ['admin'] },
  { name: 'auditEvents', field: 'auditEvents', query: '{ auditEvents { edges { node { action } } } }', allowed: ['admin'] },
  {
    name: 'campaign',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { name status neighbourhood { name } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: ['admin', 'coordinator', 'partner', 'participant'],
    refusedAsNull: true,
  },
  { name: 'campaigns', field: 'campaigns', query: '{ campaigns { edges { node { name } } } }', allowed: [...staff, ...participants] },
  {
    name: 'campaign.invites',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { invites { edges { node { code link } } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.participants (with contact)',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { participants { edges { node { displayName contact } } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  { name: 'invitePreview', field: 'invitePreview', query: 'query($code: String!) { invitePreview(code: $code) { campaignName } }', variables: (fx) => ({ code: fx.inviteCodeA }), allowed: everyone },
  { name: 'myData', field: 'myData', query: '{ myData { participant { displayName contact } campaign { name } } }', allowed: participants },
  { name: 'createOrganisation', field: 'createOrganisation', query: 'mutation($name: String!) { createOrganisation(name: $name) { id } }', variables: () => ({ name: `Organisatie ${uuidv7()}` }), allowed: ['admin'] },
  {
    name: 'inviteStaff',
    field: 'inviteStaff',
    query: 'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { link } }',
    variables: (fx) => ({ input: { email: `nieuw-${uuidv7()}@test.example`, role: 'COORDINATOR', neighbourhoodIds: [fx.neighbourhoodA] } }),
    allowed: ['admin'],
  },
  {
    name: 'disableStaffAccount',
    field: 'disableStaffAccount',
    query: 'mutation($id: ID!) { disableStaffAccount(accountId: $id) { disabledAt } }',
    variables: async (fx) => ({ id: (await fx.makeStaff('PARTNER')).id }),
    allowed: ['admin'],
  },
  {
    name: 'createCampaign',
    field: 'createCampaign',
    query: 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status } }',
    variables: (fx) => ({ input: { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw 2027' } }),
    allowed: managersOfA,
  },
  {
    name: 'changeCampaignStatus',
    field: 'changeCampaignStatus',
    query: 'mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { status } }',
    variables: async (fx) => {
      const draft = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Concept', requestId: 't' });
      return { input: { campaignId: draft.id, status: 'OPEN' } };
    },
    allowed: managersOfA,
  },
  {
    name: 'createParticipantInvite',
    field: 'createParticipantInvite',
    query: 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }',
    variables: (fx) => ({ input: { campaignId: fx.campaignA.id, maxUses: 5 } }),
    allowed: managersOfA,
  },
  {
    name: 'revokeParticipantInvite',
    field: 'revokeParticipantInvite',
    query: 'mutation($id: ID!) { revokeParticipantInvite(inviteId: $id) { revokedAt } }',
    variables: async (fx) => ({ id: (await createParticipantInvite(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, requestId: 't' })).id }),
    allowed: managersOfA,
  },
  {
    name: 'revokeParticipant',
    field: 'revokeParticipant',
    query: 'mutation($id: ID!) { revokeParticipant(participantId: $id) { revokedAt } }',
    variables: async (fx) => ({ id: (await fx.makeParticipant(fx.campaignA)).id }),
    allowed: managersOfA,
  },
  {
    name: 'joinCampaign',
    field: 'joinCampaign',
    query: 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token participant { pseudonym } campaign { name } } }',
    variables: (fx) => ({ input: { code: fx.inviteCodeA, displayName: 'Nieuwe buur', contactConsent: false, showNameInRankings: true } }),
    allowed: everyone,
  },
  { name: 'deleteMyData', field: 'deleteMyData', query: 'mutation { deleteMyData }', allowed: participants, consumesCaller: true },
  {
    name: 'changePassword',
    field: 'changePassword',
    query: 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }',
    variables: () => ({ input: { currentPassword: PASSWORD, newPassword: 'een ander lang wachtwoord' } }),
    allowed: staff,
    consumesCaller: true,
  },
  { name: 'logout', field: 'logout', query: 'mutation { logout }', allowed: everyone, consumesCaller: true },
  {
    name: 'login',
    field: 'login',
    query: 'mutation($input: LoginInput!) { login(input: $input) { email } }',
    variables: async (fx) => ({ input: { email: (await fx.makeStaff('PARTNER')).email, password: PASSWORD } }),
    allowed: everyone,
  },
  {
    name: 'acceptStaffInvite',
    field: 'acceptStaffInvite',
    query: 'mutation($input: AcceptStaffInviteInput!) { acceptStaffInvite(input: $input) { role } }',
    variables: async (fx) => {
      const token = `uitnodiging-${uuidv7()}`;
      await fx.t.app.connection.db
        .insertInto('staff_invite')
        .values({ id: uuidv7(), token_hash: hashSecret(token), email: `uitgenodigd-${uuidv7()}@test.example`, role: 'PARTNER', organisation_id: fx.organisationId, neighbourhood_ids: '[]', created_by: fx.ids.admin, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 86_400_000).toISOString(), used_at: null })
        .execute();
      return { input: { token, displayName: 'Nieuwe partner', password: 'een lang genoeg wachtwoord' } };
    },
    allowed: everyone,
  },
];

async function tableCounts(fx: AccessFixture): Promise<Record<string, number>> {
  const tables = ['organisation', 'staff_account', 'staff_invite', 'campaign', 'participant_invite', 'participant', 'audit_event'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(fx.t.app.connection.db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

describe('authorization matrix', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('covers every query and mutation of the schema', async () => {
    const { body } = await fx.query('admin', '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const covered = new Set(operations.map((op) => op.field));
    const all = [...body.data.__schema.queryType.fields, ...body.data.__schema.mutationType.fields].map((f: { name: string }) => f.name);
    expect(all.filter((name: string) => !covered.has(name))).toEqual([]);
  });

  for (const op of operations) {
    for (const role of roles) {
      const allowed = op.allowed.includes(role);
      it(`${op.name} as ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const headers = op.consumesCaller ? await fx.freshHeaders(role) : fx.headers[role];
        const variables = op.variables ? await op.variables(fx) : undefined;
        const before = allowed ? undefined : await tableCounts(fx);
        const { body } = await fx.query(headers, op.query, variables);
        if (allowed) {
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          expect(body.data[op.field]).not.toBeNull();
          return;
        }
        if (body.errors) {
          const expected = role === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND';
          expect(body.errors[0].extensions.code, JSON.stringify(body)).toBe(expected);
        } else {
          // Only a nullable lookup may refuse by answering null ("no such thing for you").
          expect(op.refusedAsNull && role !== 'anonymous', JSON.stringify(body)).toBe(true);
          expect(body.data[op.field]).toBeNull();
        }
        expect(await tableCounts(fx)).toEqual(before);
      });
    }
  }
});
