/**
 * The public sign-up (no login): the form of a campaign, signing up, and the personal page
 * that the secret of the personal link opens (view, change, cancel, join the field app).
 */
import { graphql, type ResultOf, type VariablesOf } from './graphql.js';

export const SIGNUP_FORM = graphql(`query SignupForm($campaignId: ID!) {
  signupForm(campaignId: $campaignId) {
    campaignId campaignName kind neighbourhoodName
    days { id date label full }
    streets { id name }
    tools { id name }
  }
}`);

const MY_SIGNUP_FIELDS = graphql(`fragment MySignupFields on MySignup {
  id campaignId campaignName kind
  days { day { id date label full } status waitingPosition }
  displayName contact contactConsent
  walkerKind organisation needs
  street { id name } houseNumber estimateM2 estimateTiles
  tools { tool { id name } quantity }
  wantsHelp wantsPickup cancelledAt joined
}`);

export const SIGN_UP = graphql(
  `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token signup { ...MySignupFields } } }`,
  [MY_SIGNUP_FIELDS],
);

export const MY_SIGNUP = graphql(`query MySignup($token: String!) { mySignup(token: $token) { ...MySignupFields } }`, [MY_SIGNUP_FIELDS]);

export const UPDATE_MY_SIGNUP = graphql(
  `mutation UpdateMySignup($token: String!, $input: UpdateMySignupInput!) { updateMySignup(token: $token, input: $input) { ...MySignupFields } }`,
  [MY_SIGNUP_FIELDS],
);

export const CANCEL_MY_SIGNUP = graphql(
  `mutation CancelMySignup($token: String!) { cancelMySignup(token: $token) { ...MySignupFields } }`,
  [MY_SIGNUP_FIELDS],
);

/** The field app on the day: the same answer as joinCampaign, so the membership is stored the same way. */
export const JOIN_WITH_SIGNUP = graphql(`mutation JoinWithSignup($input: JoinWithSignupInput!) {
  joinWithSignup(input: $input) { token followUpKey participant { id displayName pseudonym } campaign { id } }
}`);

export type SignupFormData = ResultOf<typeof SIGNUP_FORM>['signupForm'];
export type MySignup = ResultOf<typeof MY_SIGNUP>['mySignup'];
export type SignUpInput = VariablesOf<typeof SIGN_UP>['input'];
export type UpdateMySignupInput = VariablesOf<typeof UPDATE_MY_SIGNUP>['input'];
