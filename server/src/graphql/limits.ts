/** Hard limits on what one GraphQL request may ask for. */

/** Largest page any connection returns, whatever `first`/`last` asks for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Enforced by the Pothos complexity plugin on schema fields (introspection excluded). */
export const complexityLimits = {
  depth: 10,
  breadth: 150,
  complexity: 5000,
};

/** Checked on the query text before it is executed (see http/graphql-route.ts). */
export const requestLimits = {
  maxTokens: 2000,
  maxAliases: 15,
  maxDirectives: 20,
  /** Counts introspection too; the standard introspection query needs about 13. */
  maxDepth: 15,
};
