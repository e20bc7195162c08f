/**
 * graphql-overhead: requests per second of a representative query through the real
 * server (Fastify + Apollo, as `npm start` runs it) against a bare node:http server that
 * runs graphql-js over the same schema and database. Runs alternate; the ratio is the
 * median of the per-round ratios.
 */
import { graphqlRps, median, report, round, startChildServer } from './support/measure.js';

const query = `query StreetsOfNeighbourhood($slug: String!) {
  serverInfo { serverTime }
  neighbourhood(slug: $slug) {
    name municipality
    streets(first: 20) { edges { cursor node { id name householdCount } } pageInfo { hasNextPage endCursor } }
  }
}`;
const body = JSON.stringify({ query, variables: { slug: 'staatsliedenbuurt' } });

export async function run(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  // One load generator on one IP would hit the per-IP request budget within a second; the
  // limiter still runs on every request, only its budget is raised.
  const env = { DATABASE_PATH: ':memory:', NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000' };
  const real = await startChildServer('server/src/main.ts', env, '/healthz');
  const bare = await startChildServer('tests/bench/support/bare-graphql-server.ts', env);
  const rps: number[] = [];
  const bareRps: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      rps.push(await graphqlRps(real.url, body, seconds));
      bareRps.push(await graphqlRps(bare.url, body, seconds));
    }
  } finally {
    await Promise.all([real.stop(), bare.stop()]);
  }
  report({
    bench: 'graphql-overhead',
    rps: round(median(rps), 1),
    bare_rps: round(median(bareRps), 1),
    ratio: round(median(rps.map((r, i) => r / bareRps[i]!))),
    rounds,
    seconds,
  });
}
