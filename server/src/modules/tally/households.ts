/**
 * The one rule of what a household is, shared by the programme's results (unique households
 * per year) and the prizes (m² per household per street).
 *
 * A household is an address: a street and a house number as garden-address.ts reads it
 * ("12a" and "12 A" are one). Only tegelwippen asks for an address (a sign-up's garden, an
 * entry in the ledger). An address counts when a sign-up for it was not cancelled (the
 * caller passes only those), or when the ledger counted more than nothing there (an entry
 * and its full correction were a typing mistake). Addresses go with the personal data:
 * once a campaign's data was erased its households are no longer known, which callers must
 * say rather than show a number that silently shrank.
 */
import { gardenKeyOf } from './garden-address.js';

export interface HouseholdAddress {
  street_id: string;
  house_number: string;
  /** Net area counted at this address as typed; null for a sign-up. */
  area_cm2: number | null;
}

/** The households among these addresses: each one's key (garden-address.ts) and its street. */
export function householdKeysOf(addresses: readonly HouseholdAddress[]): Map<string, string> {
  const households = new Map<string, string>();
  const counted = new Map<string, { streetId: string; area: number }>();
  for (const address of addresses) {
    const key = gardenKeyOf(address.street_id, address.house_number);
    if (!key) continue;
    if (address.area_cm2 === null) households.set(key, address.street_id);
    else {
      const sum = counted.get(key);
      counted.set(key, { streetId: address.street_id, area: (sum?.area ?? 0) + address.area_cm2 });
    }
  }
  for (const [key, { streetId, area }] of counted) if (area > 0) households.set(key, streetId);
  return households;
}
