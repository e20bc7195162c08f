/** A neighbourhood's streets and spots, as coordinators keep them. */
import { graphql, type ResultOf } from '../graphql.js';
import { FULL_PAGE_INFO } from './paging';

export const STREETS = graphql(`query Streets($slug: String!, $after: String) {
  neighbourhood(slug: $slug) { id streets(first: 100, after: $after) { edges { node { id name householdCount } } pageInfo { hasNextPage endCursor } } }
}`);
export type Street = NonNullable<ResultOf<typeof STREETS>['neighbourhood']>['streets']['edges'][number]['node'];

/** One page of a neighbourhood's spots (by name) with how many there are in all. */
export const SPOTS_PAGE = graphql(
  `query Spots($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
    neighbourhood(slug: $slug) { id spots(first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { node { id name type description lat lon street { id name } } } pageInfo { ...FullPageInfo }
    } }
  }`,
  [FULL_PAGE_INFO],
);
export type Spot = NonNullable<ResultOf<typeof SPOTS_PAGE>['neighbourhood']>['spots']['edges'][number]['node'];

export const ADD_STREET = graphql(`mutation AddStreet($input: AddStreetInput!) { addStreet(input: $input) { id } }`);
export const RENAME_STREET = graphql(`mutation RenameStreet($streetId: ID!, $name: String!) { renameStreet(streetId: $streetId, name: $name) { id name } }`);
export const SET_HOUSEHOLDS = graphql(`mutation SetHouseholds($streetId: ID!, $householdCount: Int) {
  setStreetHouseholds(streetId: $streetId, householdCount: $householdCount) { id householdCount }
}`);
export const CREATE_SPOT = graphql(`mutation CreateSpot($input: CreateSpotInput!) { createSpot(input: $input) { id } }`);
export const UPDATE_SPOT = graphql(`mutation UpdateSpot($input: UpdateSpotInput!) { updateSpot(input: $input) { id } }`);
