/** Hard limits on what one GraphQL request may ask for. */

/** Largest page any connection returns, whatever `first`/`last` asks for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const complexityLimits = {
  depth: 10,
  breadth: 150,
  complexity: 5000,
};
