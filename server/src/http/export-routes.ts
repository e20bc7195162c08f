/**
 * GET /exports/campaigns/:id/{findings.csv,findings.geojson,tally-ledger.csv,nk-summary.csv}
 * for coordinators of the campaign (staff session). `?separator=semicolon` writes `;`
 * for Dutch Excel.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Db } from '../db/database.js';
import { UserFacingError } from '../graphql/errors.js';
import * as exports from '../modules/export/export.service.js';
import { resolveViewer } from './viewer-resolver.js';

export function registerExportRoutes(app: FastifyInstance, deps: { db: Db; auth: AuthSettings }): void {
  app.get<{ Params: { id: string; file: string }; Querystring: { separator?: string } }>('/exports/campaigns/:id/:file', async (request, reply) => {
    const viewer = await resolveViewer(request, deps.db, deps.auth);
    if (viewer.kind !== 'staff') return reply.code(401).send({ errors: [{ message: 'Log in om te exporteren.', extensions: { code: 'UNAUTHENTICATED' } }] });
    const separator = request.query.separator === 'semicolon' ? ';' : ',';
    const { id, file } = request.params;
    const csv = (body: string, name: string) =>
      reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}"`).header('Cache-Control', 'no-store').send(body);
    try {
      switch (file) {
        case 'findings.csv':
          return csv(await exports.exportFindingsCsv(deps.db, viewer, id, separator, request.id), `bevindingen-${id}.csv`);
        case 'tally-ledger.csv':
          return csv(await exports.exportLedgerCsv(deps.db, viewer, id, separator, request.id), `tellingen-${id}.csv`);
        case 'nk-summary.csv':
          return csv(await exports.exportNkSummaryCsv(deps.db, viewer, id, separator, request.id), `nk-tegelwippen-${id}.csv`);
        case 'findings.geojson':
          return reply
            .header('Content-Type', 'application/geo+json; charset=utf-8')
            .header('Content-Disposition', `attachment; filename="bevindingen-${id}.geojson"`)
            .header('Cache-Control', 'no-store')
            .send(await exports.exportFindingsGeoJson(deps.db, viewer, id, request.id));
        default:
          return reply.code(404).send({ errors: [{ message: 'Niet gevonden.', extensions: { code: 'NOT_FOUND' } }] });
      }
    } catch (error) {
      if (error instanceof UserFacingError) return reply.code(404).send({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
      throw error;
    }
  });
}
