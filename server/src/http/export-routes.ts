/**
 * GET /exports/campaigns/:id/{findings.csv,findings.geojson,answers.csv,tally-ledger.csv,unit-summary.csv,nk-summary.csv,questionnaire.csv}
 * for coordinators of the campaign (staff session). unit-summary.csv (tellingen per dag) is
 * for any counting campaign, nk-summary.csv for tegelwippen only. answers.csv (the walkers' answers,
 * downloaded as antwoorden-….csv) is streamed as it is read. The CSV files are for people by
 * default (Dutch words, local time); `?separator=semicolon` writes `;` and decimal commas
 * for Dutch Excel; `?format=raw` writes codes, UTC times and decimal points for
 * integrations (with either separator).
 *
 * GET /exports/neighbourhoods/:id/programme-results.csv: the programme's results per year
 * (programme-csv.ts) for the neighbourhood's coordinators, with the same two variants.
 *
 * GET /exports/days/:dayId/ophaallijst.csv: a day's pickup list for the groenbedrijf
 * (pickup-list.service.ts), always for Dutch Excel.
 *
 * GET /exports/days/:dayId/hvc-ophaallijst.csv: a clean-up day's pickup list for HVC
 * (cleanup/hvc-pickup-csv.ts) for the campaign's coordinators, with the two variants.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Db } from '../db/database.js';
import { notFound } from '../domain-error.js';
import * as exports from '../modules/export/export.service.js';
import type { CsvOptions, ExportFormat } from '../modules/export/export.service.js';
import { hvcPickupListCsv } from '../modules/cleanup/hvc-pickup-csv.js';
import { programmeResultsCsv } from '../modules/programme/programme-csv.js';
import { exportQuestionnaireCsv } from '../modules/questionnaire/questionnaire-csv.js';
import { pickupListCsv } from '../modules/signup/pickup-list.service.js';
import { resolveViewer } from './viewer-resolver.js';

const notSignedIn = { errors: [{ message: 'Log in om te exporteren.', extensions: { code: 'UNAUTHENTICATED' } }] };
const badFormat = { errors: [{ message: 'Kies format=raw of laat format weg.', extensions: { code: 'BAD_USER_INPUT' } }] };

type CsvQuery = { separator?: string; format?: string };

/** The one reading of ?separator= and ?format= for every CSV export; null for a format that does not exist. */
function csvOptionsOf(query: CsvQuery): CsvOptions | null {
  const { format = 'people' } = query;
  if (format !== 'people' && format !== 'raw') return null;
  return { separator: query.separator === 'semicolon' ? ';' : ',', format: format as ExportFormat };
}

/**
 * An id in the address with a NUL character (%00) names nothing that can exist, and
 * PostgreSQL cannot even compare one (an internal error): not found, before any lookup.
 */
const idsInAddress = {
  onRequest: async (request: FastifyRequest) => {
    if (Object.values(request.params as Record<string, string>).some((value) => value.includes('\0'))) throw notFound();
  },
};

export function registerExportRoutes(app: FastifyInstance, deps: { db: Db; auth: AuthSettings }): void {
  app.get<{ Params: { dayId: string } }>('/exports/days/:dayId/ophaallijst.csv', idsInAddress, async (request, reply) => {
    const viewer = await resolveViewer(request, deps.db, deps.auth);
    if (viewer.kind !== 'staff') return reply.code(401).send(notSignedIn);
    const { csv, date } = await pickupListCsv(deps.db, viewer, request.params.dayId, request.id);
    return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="ophaallijst-${date}.csv"`).header('Cache-Control', 'no-store').send(csv);
  });
  app.get<{ Params: { dayId: string }; Querystring: CsvQuery }>('/exports/days/:dayId/hvc-ophaallijst.csv', idsInAddress, async (request, reply) => {
    const viewer = await resolveViewer(request, deps.db, deps.auth);
    if (viewer.kind !== 'staff') return reply.code(401).send(notSignedIn);
    const options = csvOptionsOf(request.query);
    if (!options) return reply.code(400).send(badFormat);
    const { csv, date } = await hvcPickupListCsv(deps.db, viewer, request.params.dayId, options, request.id);
    return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="hvc-ophaallijst-${date}.csv"`).header('Cache-Control', 'no-store').send(csv);
  });
  app.get<{ Params: { id: string }; Querystring: CsvQuery }>('/exports/neighbourhoods/:id/programme-results.csv', idsInAddress, async (request, reply) => {
    const viewer = await resolveViewer(request, deps.db, deps.auth);
    if (viewer.kind !== 'staff') return reply.code(401).send(notSignedIn);
    const options = csvOptionsOf(request.query);
    if (!options) return reply.code(400).send(badFormat);
    const { csv, slug } = await programmeResultsCsv(deps.db, viewer, request.params.id, options);
    return reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="resultaten-${slug}.csv"`).header('Cache-Control', 'no-store').send(csv);
  });
  app.get<{ Params: { id: string; file: string }; Querystring: CsvQuery }>('/exports/campaigns/:id/:file', idsInAddress, async (request, reply) => {
    const viewer = await resolveViewer(request, deps.db, deps.auth);
    if (viewer.kind !== 'staff') return reply.code(401).send(notSignedIn);
    const options = csvOptionsOf(request.query);
    if (!options) return reply.code(400).send(badFormat);
    const { id, file } = request.params;
    const csv = (body: string | Readable, name: string) =>
      reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}"`).header('Cache-Control', 'no-store').send(body);
    // A refusal from the service (a DomainError) is answered by error-handler.ts.
    switch (file) {
      case 'findings.csv':
        return csv(await exports.exportFindingsCsv(deps.db, viewer, id, options, request.id), `bevindingen-${id}.csv`);
      case 'answers.csv':
        return csv(Readable.from(await exports.exportAnswersCsv(deps.db, viewer, id, options, request.id)), `antwoorden-${id}.csv`);
      case 'tally-ledger.csv':
        return csv(await exports.exportLedgerCsv(deps.db, viewer, id, options, request.id), `tellingen-${id}.csv`);
      case 'unit-summary.csv':
        return csv(await exports.exportUnitSummaryCsv(deps.db, viewer, id, options, request.id), `tellingen-per-dag-${id}.csv`);
      case 'nk-summary.csv':
        return csv(await exports.exportNkSummaryCsv(deps.db, viewer, id, options, request.id), `nk-tegelwippen-${id}.csv`);
      case 'questionnaire.csv':
        return csv(await exportQuestionnaireCsv(deps.db, viewer, id, options, request.id), `vragenlijst-${id}.csv`);
      case 'findings.geojson':
        return reply
          .header('Content-Type', 'application/geo+json; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="bevindingen-${id}.geojson"`)
          .header('Cache-Control', 'no-store')
          .send(await exports.exportFindingsGeoJson(deps.db, viewer, id, request.id));
      default:
        return reply.code(404).send({ errors: [{ message: 'Niet gevonden.', extensions: { code: 'NOT_FOUND' } }] });
    }
  });
}
