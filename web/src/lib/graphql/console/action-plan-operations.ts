/**
 * A schouw's action plan. Coordinators change everything; partners the status and the
 * message of their organisation's items.
 */
import { graphql, type ResultOf } from '../graphql.js';

export const ACTION_PLAN = graphql(`query ActionPlan($id: ID!) { campaign(id: $id) { id actionPlan { id title owner dueDate status findingIds createdAt } } }`);
export type ActionItem = NonNullable<ResultOf<typeof ACTION_PLAN>['campaign']>['actionPlan'][number];

export const CREATE_ACTION_ITEM = graphql(`mutation CreateActionItem($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`);
export const CHANGE_ACTION_ITEM_STATUS = graphql(`mutation ChangeActionItemStatus($id: ID!, $status: ActionItemStatus!) {
  changeActionItemStatus(actionItemId: $id, status: $status) { id status }
}`);

const PLAN_ITEM = graphql(`fragment PlanItem on ActionItem {
  id title owner ownerOrganisation { id name } dueDate status publicMessage findingIds createdAt updatedAt
}`);
export type PlanItem = ResultOf<typeof PLAN_ITEM>;

export const PLAN_ITEMS = graphql(`query PlanItems($id: ID!) { campaign(id: $id) { id actionPlan { ...PlanItem } } }`, [PLAN_ITEM]);
export const UPDATE_ACTION_ITEM = graphql(`mutation UpdateActionItem($input: UpdateActionItemInput!) { updateActionItem(input: $input) { ...PlanItem } }`, [PLAN_ITEM]);
export const DELETE_ACTION_ITEM = graphql(`mutation DeleteActionItem($id: ID!) { deleteActionItem(actionItemId: $id) }`);

export const PARTNER_ACTION_ITEMS = graphql(`query PartnerActionItems($after: String) {
  partnerActionItems(first: 50, after: $after) {
    edges { node { id title dueDate status publicMessage findingIds createdAt updatedAt campaign { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`);
export type PartnerPlanItem = ResultOf<typeof PARTNER_ACTION_ITEMS>['partnerActionItems']['edges'][number]['node'];

/** A finding as the action plan names it: what, where and how far along. */
export const FINDING_CHOICES = graphql(`query FindingChoices($id: ID!, $after: String) {
  campaign(id: $id) { id findings(first: 100, after: $after) {
    edges { node { id category status text spot { name } street { name } } } pageInfo { hasNextPage endCursor }
  } }
}`);
export type FindingChoice = NonNullable<ResultOf<typeof FINDING_CHOICES>['campaign']>['findings']['edges'][number]['node'];
