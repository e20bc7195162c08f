/**
 * The access fixture with the public sign-up open on its tegelwip and schouw campaigns,
 * each with a future date, and helpers that sign up over HTTP from a new IP address each
 * time (TRUST_PROXY=loopback), so that only the tests about the limit meet it.
 */
import { addCampaignDay, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { accessFixture, type AccessFixture } from './access-fixtures.js';
import { todayInNetherlands } from '../../server/src/modules/campaign/local-date.js';

export const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token signup { ...mine } } }`;
export const MY_SIGNUP_FIELDS = `fragment mine on MySignup {
  id campaignId campaignName kind displayName contact contactConsent walkerKind organisation needs
  street { id name } houseNumber estimateM2 estimateTiles tools { tool { id name } quantity } wantsHelp wantsPickup cancelledAt joined
  days { day { id date label full } status waitingPosition }
}`;

export interface SignupFixture extends AccessFixture {
  /** A future action day of campaignA and a future walk date of schouwA. */
  tegelwipDay: string;
  schouwDay: string;
  toolIds: Record<string, string>;
  /** Headers from an IP address no other call used. */
  freshIp(): Record<string, string>;
  /** Signs up for campaignA's tegelwipDay from a fresh IP; `input` overrides. */
  signUpTegelwip(input?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ body: any; status: number }>;
  signUpSchouw(input?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ body: any; status: number }>;
  /** A day added to a campaign, `daysAhead` days from now. */
  addDay(campaign: Campaign, daysAhead: number): Promise<string>;
  /** How many sign-ups the database holds, of every campaign. */
  signupCount(): Promise<number>;
}

let ipCounter = 0;

/** A date so many days from today, where the server counts days: in the Netherlands (not UTC, which is a day behind after midnight there). */
export const dateAhead = (days: number) => todayInNetherlands(new Date(Date.now() + days * 86_400_000));

export async function signupFixture(env: Record<string, string> = {}): Promise<SignupFixture> {
  const fx = await accessFixture({ TRUST_PROXY: 'loopback', ...env });
  const db = fx.t.app.connection.db;
  const admin = fx.asViewer('admin');
  const addDay = async (campaign: Campaign, daysAhead: number) => (await addCampaignDay(db, admin, { campaignId: campaign.id, date: dateAhead(daysAhead), label: `Dag +${daysAhead}` })).id;
  const tegelwipDay = await addDay(fx.campaignA, 30);
  const schouwDay = await addDay(fx.schouwA, 31);
  for (const campaign of [fx.campaignA, fx.schouwA]) await setSignupOpen(db, admin, { campaignId: campaign.id, open: true, requestId: 'fixture' });
  const tools = await db.selectFrom('campaign_tool').select(['id', 'name']).where('campaign_id', '=', fx.campaignA.id).execute();
  const freshIp = () => {
    ipCounter++;
    return { 'x-forwarded-for': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}` };
  };
  const send = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
    const { body, status } = await fx.query(headers ?? freshIp(), `${SIGN_UP} ${MY_SIGNUP_FIELDS}`, { input });
    return { body, status };
  };
  return {
    ...fx,
    tegelwipDay,
    schouwDay,
    toolIds: Object.fromEntries(tools.map((t) => [t.name, t.id])),
    freshIp,
    addDay,
    signupCount: async () => Number((await db.selectFrom('signup').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    signUpTegelwip: (input = {}, headers) =>
      send({ campaignId: fx.campaignA.id, dayIds: [tegelwipDay], displayName: 'Anouk', contactConsent: false, streetId: fx.streetA, houseNumber: '12', ...input }, headers),
    signUpSchouw: (input = {}, headers) => send({ campaignId: fx.schouwA.id, dayIds: [schouwDay], displayName: 'Henk', contactConsent: false, walkerKind: 'RESIDENT', ...input }, headers),
  };
}

/** The ids of a campaign's days, for tests that need a day the form does not offer. */
export async function dayIdsOf(fx: AccessFixture, campaign: Campaign): Promise<string[]> {
  return (await daysOfCampaigns(fx.t.app.connection.db, [campaign.id])).map((d) => d.id);
}
