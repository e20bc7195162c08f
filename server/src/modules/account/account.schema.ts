/** GraphQL types and operations for staff: accounts, sessions, invites, organisations. */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import * as accounts from './account.service.js';
import * as invites from './staff-invite.service.js';

export const StaffRoleEnum = builder.enumType('StaffRole', {
  values: {
    ADMIN: { description: 'Manages accounts, organisations and everything else.' },
    COORDINATOR: { description: 'Buurtkracht team member for one or more neighbourhoods.' },
    PARTNER: { description: 'Staff of a partner organisation; sees what is routed to it.' },
  } as const,
});

export const OrganisationRef = builder.objectRef<accounts.Organisation>('Organisation').implement({
  description: 'A partner organisation findings can be routed to (municipality departments, housing corporation, …).',
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
  }),
});

export const StaffAccountRef = builder.objectRef<accounts.StaffAccount>('StaffAccount').implement({
  description: 'A coordinator, partner or admin who signs in with email and password.',
  // Granted by login and acceptStaffInvite, whose caller is not signed in yet.
  authScopes: { staff: true, $granted: 'ownAccount' },
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: StaffRoleEnum }),
    organisation: t.loadable({
      type: OrganisationRef,
      nullable: true,
      load: (ids: string[], ctx) => accounts.organisationsByIds(ctx.db, ids),
      sort: (organisation) => organisation.id,
      resolve: (account) => account.organisationId,
    }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const StaffInviteRef = builder.objectRef<invites.StaffInvite>('StaffInvite').implement({
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    role: t.expose('role', { type: StaffRoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    usedAt: t.expose('usedAt', { type: 'DateTime', nullable: true }),
  }),
});

const StaffInviteCreatedRef = builder.objectRef<{ invite: invites.StaffInvite; link: string }>('StaffInviteCreated').implement({
  authScopes: { admin: true },
  fields: (t) => ({
    invite: t.field({ type: StaffInviteRef, resolve: (r) => r.invite }),
    link: t.exposeString('link', { description: 'One-time link for the invited person. Shown only in this answer.' }),
  }),
});

const email = z.email('Vul een geldig e-mailadres in.').max(254);
const displayName = z.string().trim().min(1, 'Vul een naam in.').max(80, 'Gebruik hoogstens 80 tekens.');
const password = z.string().min(1, 'Vul een wachtwoord in.').max(200, 'Gebruik hoogstens 200 tekens.');

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({ email: t.string({ validate: email }), password: t.string({ validate: password }) }),
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({ currentPassword: t.string({ validate: password }), newPassword: t.string({ validate: password }) }),
});

const AcceptStaffInviteInput = builder.inputType('AcceptStaffInviteInput', {
  fields: (t) => ({
    token: t.string({ validate: z.string().min(16).max(100) }),
    displayName: t.string({ validate: displayName }),
    password: t.string({ validate: password }),
  }),
});

const InviteStaffInput = builder.inputType('InviteStaffInput', {
  fields: (t) => ({
    email: t.string({ validate: email }),
    role: t.field({ type: StaffRoleEnum }),
    organisationId: t.id({ required: false }),
    neighbourhoodIds: t.idList({ required: false, validate: z.array(z.string()).max(50) }),
    expiresInDays: t.int({ required: false, validate: z.number().int().min(1).max(30).optional() }),
  }),
});

builder.queryFields((t) => ({
  organisations: t.connection(
    {
      type: OrganisationRef,
      authScopes: { staff: true },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(args, (page) => accounts.listOrganisations(ctx.db, ctx.viewer, page), (o) => [o.name, o.id], 2),
    },
    { name: 'OrganisationConnection' },
    { name: 'OrganisationEdge' },
  ),
  staffAccounts: t.connection(
    {
      type: StaffAccountRef,
      authScopes: { admin: true },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(args, (page) => accounts.listStaffAccounts(ctx.db, ctx.viewer, page), (a) => [a.email, a.id], 2),
    },
    { name: 'StaffAccountConnection' },
    { name: 'StaffAccountEdge' },
  ),
  staffInvites: t.connection(
    {
      type: StaffInviteRef,
      authScopes: { admin: true },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(args, (page) => invites.listStaffInvites(ctx.db, ctx.viewer, page), (i) => [i.createdAt, i.id], 2),
    },
    { name: 'StaffInviteConnection' },
    { name: 'StaffInviteEdge' },
  ),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: StaffAccountRef,
    description: 'Signs a staff member in; sets a new session cookie.',
    authScopes: { public: true },
    // The account is the caller's own from here on, whatever the old viewer was.
    grantScopes: ['ownAccount'],
    args: { input: t.arg({ type: LoginInput }) },
    resolve: async (_root, { input }, ctx) => {
      const { account, sessionId } = await accounts.login(ctx.db, ctx.auth, {
        ...input,
        clientIp: ctx.clientIp,
        previousSessionHash: ctx.viewer.kind === 'staff' ? ctx.viewer.sessionHash : undefined,
      });
      ctx.sessionCookie.set(sessionId);
      return account;
    },
  }),
  logout: t.boolean({
    description: 'Ends the current staff session (if any) and clears its cookie.',
    authScopes: { public: true },
    resolve: async (_root, _args, ctx) => {
      await accounts.logout(ctx.db, ctx.viewer);
      ctx.sessionCookie.clear();
      return true;
    },
  }),
  changePassword: t.boolean({
    description: 'Changes the password and signs out every other session of this account.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: ChangePasswordInput }) },
    resolve: async (_root, { input }, ctx) => {
      await accounts.changePassword(ctx.db, ctx.auth, ctx.viewer, { ...input, requestId: ctx.requestId });
      return true;
    },
  }),
  acceptStaffInvite: t.field({
    type: StaffAccountRef,
    description: 'Creates the invited account with the chosen password and signs it in.',
    authScopes: { public: true },
    grantScopes: ['ownAccount'],
    args: { input: t.arg({ type: AcceptStaffInviteInput }) },
    resolve: async (_root, { input }, ctx) => {
      const { account, sessionId } = await invites.acceptStaffInvite(ctx.db, ctx.auth, { ...input, requestId: ctx.requestId });
      ctx.sessionCookie.set(sessionId);
      return account;
    },
  }),
  inviteStaff: t.field({
    type: StaffInviteCreatedRef,
    authScopes: { admin: true },
    args: { input: t.arg({ type: InviteStaffInput }) },
    resolve: (_root, { input }, ctx) =>
      invites.inviteStaff(ctx.db, ctx.auth, ctx.viewer, {
        email: input.email,
        role: input.role,
        organisationId: input.organisationId == null ? null : String(input.organisationId),
        neighbourhoodIds: input.neighbourhoodIds?.map(String),
        expiresInDays: input.expiresInDays ?? 7,
        requestId: ctx.requestId,
      }),
  }),
  disableStaffAccount: t.field({
    type: StaffAccountRef,
    description: 'Disables an account and ends its sessions. The account and its history stay.',
    authScopes: { admin: true },
    args: { accountId: t.arg.id() },
    resolve: (_root, { accountId }, ctx) => accounts.disableStaffAccount(ctx.db, ctx.viewer, String(accountId), ctx.requestId),
  }),
  createOrganisation: t.field({
    type: OrganisationRef,
    authScopes: { admin: true },
    args: { name: t.arg.string({ validate: z.string().trim().min(2, 'Vul een naam in.').max(120) }) },
    resolve: (_root, { name }, ctx) => accounts.createOrganisation(ctx.db, ctx.viewer, name),
  }),
}));
