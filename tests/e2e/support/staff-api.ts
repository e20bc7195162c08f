/** What a coordinator does through the API in end-to-end tests (sign in, make an invite). */
import type { ServerProcess } from '../../support/server-process.js';

export async function gqlAt(url: string, query: string, variables: unknown = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { response, body: (await response.json()) as any };
}

/** The demo coordinator's email and the password the first start printed. */
export function demoCoordinatorCredentials(server: ServerProcess): { email: string; password: string } {
  const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(server.output()) ?? [];
  if (!email || !password) throw new Error('the server did not print the demo coordinator credentials');
  return { email, password };
}

/** Signs in as the demo coordinator whose password the first start printed. */
export async function demoCoordinator(server: ServerProcess) {
  const { email, password } = demoCoordinatorCredentials(server);
  const login = await gqlAt(server.url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email, password } });
  const cookie = login.response.headers.getSetCookie()[0]!.split(';')[0]!;
  const campaigns = await gqlAt(server.url, '{ campaigns { edges { node { id kind name } } } }', {}, { cookie });
  const byKind = (kind: string) => campaigns.body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === kind);
  return {
    cookie,
    tegelwippen: byKind('TEGELWIPPEN') as { id: string; name: string },
    schouw: byKind('SCHOUW') as { id: string; name: string },
    /** A request as this coordinator that must succeed: its data, or a throw with the errors. */
    async gql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
      const { body } = await gqlAt(server.url, query, variables, { cookie });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async invite(campaignId: string): Promise<string> {
      const { body } = await gqlAt(server.url, 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }', { input: { campaignId } }, { cookie });
      return body.data.createParticipantInvite.code;
    },
    async dashboard(campaignId: string) {
      const { body } = await gqlAt(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id, top: 50) { total { areaCm2 entries } streets { streetName total { areaCm2 } } topParticipants { name total { areaCm2 } } } }', { id: campaignId }, { cookie });
      return body.data.tallyDashboard;
    },
  };
}
