/** GraphQL access to the audit log (admins only). */
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import * as service from './audit.service.js';

const AuditEventRef = builder.objectRef<service.AuditEvent>('AuditEvent').implement({
  description: 'One recorded staff action on personal data or a status change.',
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actorAccountId: t.exposeID('actorAccountId', { nullable: true, description: 'Null for the system (e.g. the retention job) or a participant acting on their own data.' }),
    action: t.exposeString('action'),
    subjectType: t.exposeString('subjectType'),
    subjectId: t.exposeID('subjectId'),
    detail: t.exposeString('detail', { nullable: true, description: 'JSON with ids and states, never personal data.' }),
    requestId: t.exposeString('requestId', { nullable: true }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.connection(
    {
      type: AuditEventRef,
      description: 'The audit log, newest first.',
      authScopes: { admin: true },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(args, (page) => service.listAuditEvents(ctx.db, ctx.viewer, page), (e) => [e.at, e.id], 2),
    },
    { name: 'AuditEventConnection' },
    { name: 'AuditEventEdge' },
  ),
);
