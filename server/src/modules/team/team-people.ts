/**
 * Who is the same person across walks, for the composer's rotation. A sign-up says who it
 * is by the follow-up key of the device that joined with it, by its contact (only when the
 * person consented to give it), or else by nothing but itself. A person who walked last
 * year with their phone and signs up this year with the same e-mail address shares one of
 * these with both sign-ups, so all identifiers met on one sign-up are joined (union-find)
 * and every sign-up gets the smallest identifier of its group as its personKey.
 * Pure: the team service reads the sign-ups and passes them in.
 */
import type { TeamSignup } from './team.repo.js';

type Identified = Pick<TeamSignup, 'id' | 'contact' | 'contactConsentAt' | 'followUpKeyId'>;

/** Lower case without spaces: "Anna@Voorbeeld.nl " and "anna@voorbeeld.nl" are one address, "06 123" and "06123" one number. */
export const normalisedContact = (contact: string): string => contact.toLowerCase().replace(/[\s\-().]/g, '');

function identifiersOf(signup: Identified): string[] {
  const ids: string[] = [];
  if (signup.followUpKeyId) ids.push(`device:${signup.followUpKeyId}`);
  if (signup.contact && signup.contactConsentAt) {
    const contact = normalisedContact(signup.contact);
    if (contact) ids.push(`contact:${contact}`);
  }
  if (ids.length === 0) ids.push(`signup:${signup.id}`);
  return ids;
}

/** Maps every sign-up id to its personKey. */
export function personKeys(signups: readonly Identified[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later finds short.
    for (let node = x; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    // The smaller identifier wins, so the key does not depend on the order sign-ups come in.
    if (ra !== rb) ra < rb ? parent.set(rb, ra) : parent.set(ra, rb);
  };
  const idsOf = new Map<string, string[]>();
  for (const signup of signups) {
    const ids = identifiersOf(signup);
    idsOf.set(signup.id, ids);
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) union(ids[0]!, id);
  }
  return new Map([...idsOf].map(([signupId, ids]) => [signupId, find(ids[0]!)]));
}
