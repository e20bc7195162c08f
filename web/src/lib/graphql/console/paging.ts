/**
 * Lists in the console: a long list is read a page at a time (PagedList, with
 * FULL_PAGE_INFO), a short one whole (fetchAll). The staff session travels as an HttpOnly
 * cookie, so console operations never carry a token.
 */
import { graphql } from '../graphql.js';

/** Goes with every paged query: where the page is, so the pager can move both ways. */
export const FULL_PAGE_INFO = graphql(`fragment FullPageInfo on PageInfo { hasNextPage hasPreviousPage startCursor endCursor }`);

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

/** A page of a long list, with how many items the whole list holds (see PagedList). */
export interface CountedConnection<T> {
  totalCount: number;
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** The nodes of a connection answer. */
export const nodes = <T>(connection: Connection<T>): T[] => connection.edges.map((edge) => edge.node);
