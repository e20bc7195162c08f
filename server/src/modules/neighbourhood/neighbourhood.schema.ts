/** GraphQL types and queries for neighbourhoods (buurten) and their streets. */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import * as service from './neighbourhood.service.js';

const byName = (row: { name: string; id: string }) => [row.name, row.id] as const;

export const StreetRef = builder.objectRef<service.Street>('Street').implement({
  description: 'A street of a neighbourhood.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    householdCount: t.exposeInt('householdCount', {
      nullable: true,
      description: 'Number of households, when known; used for per-household rankings.',
    }),
  }),
});

export const NeighbourhoodRef = builder.objectRef<service.Neighbourhood>('Neighbourhood').implement({
  description: 'A neighbourhood (buurt) of a municipality, e.g. the Staatsliedenbuurt in Alblasserdam.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug', { description: 'Stable, URL-safe name, e.g. "staatsliedenbuurt".' }),
    name: t.exposeString('name'),
    municipality: t.exposeString('municipality'),
    streets: t.connection({
      type: StreetRef,
      description: 'Streets in alphabetical order.',
      resolve: (neighbourhood, args, ctx) =>
        resolveKeysetConnection(args, (page) => service.listStreets(ctx.db, neighbourhood.id, page), byName, 2),
    }, { name: 'StreetConnection' }, { name: 'StreetEdge' }),
  }),
});

builder.queryFields((t) => ({
  neighbourhoods: t.connection({
    type: NeighbourhoodRef,
    description: 'All neighbourhoods, in alphabetical order.',
    authScopes: { public: true },
    resolve: (_root, args, ctx) =>
      resolveKeysetConnection(args, (page) => service.listNeighbourhoods(ctx.db, page), byName, 2),
  }, { name: 'NeighbourhoodConnection' }, { name: 'NeighbourhoodEdge' }),
  neighbourhood: t.field({
    type: NeighbourhoodRef,
    nullable: true,
    description: 'One neighbourhood by its slug, or null when there is none.',
    authScopes: { public: true },
    args: {
      slug: t.arg.string({ validate: z.string().min(1).max(100).regex(/^[a-z0-9-]+$/, 'Gebruik kleine letters, cijfers en streepjes.') }),
    },
    resolve: (_root, { slug }, ctx) => service.findNeighbourhoodBySlug(ctx.db, slug),
  }),
}));
