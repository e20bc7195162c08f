/**
 * Server facts a client needs before anything else: the server's clock (devices show
 * "last confirmed sync" in server time, never their own) and the API version.
 */
import { builder } from './builder.js';

export const API_VERSION = '1';

interface ServerInfo {
  apiVersion: string;
  serverTime: string;
  mapTileUrl: string | null;
}

const ServerInfoRef = builder.objectRef<ServerInfo>('ServerInfo').implement({
  description: 'Facts about the server a client checks first.',
  fields: (t) => ({
    apiVersion: t.exposeString('apiVersion'),
    serverTime: t.expose('serverTime', { type: 'DateTime', description: "The server's clock when it answered." }),
    mapTileUrl: t.exposeString('mapTileUrl', {
      nullable: true,
      description: 'Tile URL template ({z}/{x}/{y}) for maps; null when maps show markers without a background.',
    }),
  }),
});

builder.queryField('serverInfo', (t) =>
  t.field({
    type: ServerInfoRef,
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => ({ apiVersion: API_VERSION, serverTime: new Date().toISOString(), mapTileUrl: ctx.clientSettings.mapTileUrl }),
  }),
);
