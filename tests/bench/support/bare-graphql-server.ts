/**
 * The baseline of the graphql-overhead benchmark: the same schema and database behind a
 * bare node:http server that runs graphql-js `execute` with parse/validate cached per
 * query text. Run as a child process; prints "listening <port>" when ready.
 */
import http from 'node:http';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { createAuthSettings } from '../../../server/src/auth/auth-settings.js';
import { loadConfig } from '../../../server/src/config.js';
import { openDatabase } from '../../../server/src/db/connect.js';
import { migrateToLatest } from '../../../server/src/db/migrate.js';
import type { Context } from '../../../server/src/graphql/context.js';
import { schema } from '../../../server/src/graphql/schema.js';
import { createLogger } from '../../../server/src/logger.js';
import { inlineSyncRunner } from '../../../server/src/modules/sync/sync-runner.js';
import { seedDemoData } from '../../../server/src/seed/demo-seed.js';

const logger = createLogger({ logLevel: 'silent' });
const config = loadConfig();
const auth = createAuthSettings(config);
const { db } = openDatabase(config.databasePath);
await migrateToLatest(db);
await seedDemoData(db, auth, logger);

const documents = new Map<string, DocumentNode>();
function documentFor(query: string): DocumentNode {
  let document = documents.get(query);
  if (!document) {
    document = parse(query);
    const errors = validate(schema, document);
    if (errors.length > 0) throw errors[0];
    documents.set(query, document);
  }
  return document;
}

let requestNumber = 0;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const contextValue: Context = {
        requestId: String(++requestNumber),
        viewer: { kind: 'anonymous' },
        db,
        writeDb: db,
        logger,
        auth,
        clientIp: req.socket.remoteAddress ?? '',
        sessionCookie: { set: () => {}, clear: () => {} },
        syncRunner: inlineSyncRunner(db),
        clientSettings: { mapTileUrl: null },
      };
      const result = await execute({ schema, document: documentFor(query), variableValues: variables, contextValue });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
