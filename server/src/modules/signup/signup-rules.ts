/**
 * What a sign-up must say, per kind of campaign: a schouw walker says whether they are a
 * resident or a professional (with organisation); a tegelwip garden has a street of the
 * neighbourhood and a house number, optionally an estimate, tools, help and pickup. A
 * clean-up (opruimactie) signs up a garden the same way, without an estimate of tiles:
 * its pickup is HVC taking the bags and bulky items away. The
 * edge (signup.schema.ts) checks each field on its own; these rules need the campaign.
 * Every problem names its field, so the form can show it beside that field.
 */
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import { badInput, type FieldProblem } from '../../domain-error.js';
import type { CampaignKind } from '../campaign/campaign.table.js';
import { CONTACT_WITHOUT_CONSENT } from '../participant/participant.service.js';
import type { SignupDetails } from './signup.repo.js';
import type { WalkerKind } from './signup.table.js';

export interface SignupFields {
  dayIds: readonly string[];
  displayName: string;
  contact?: string | null;
  contactConsent: boolean;
  walkerKind?: WalkerKind | null;
  organisation?: string | null;
  needs?: string | null;
  streetId?: string | null;
  houseNumber?: string | null;
  estimateM2?: number | null;
  estimateTiles?: number | null;
  tools?: readonly { toolId: string; quantity: number }[] | null;
  wantsHelp?: boolean | null;
  wantsPickup?: boolean | null;
}

export interface SignupContext {
  kind: CampaignKind;
  /** Dates this sign-up may hold: future dates of the campaign, and those it holds already. */
  dayIds: ReadonlySet<string>;
  streetIds: ReadonlySet<string>;
  toolIds: ReadonlySet<string>;
}

const NOT_FOR_SCHOUW = 'Dit hoort bij tegelwippen, niet bij een schouw. Laat het leeg.';
const NOT_FOR_TEGELWIPPEN = 'Dit hoort bij een schouw, niet bij tegelwippen. Laat het leeg.';
const NOT_FOR_OPRUIMEN = 'Dit hoort bij een schouw, niet bij een opruimactie. Laat het leeg.';
const NO_TILES_IN_CLEANUP = 'Bij een opruimactie tellen we geen tegels. Laat het leeg.';

const text = (value: string | null | undefined) => value?.trim() || null;

/** The sign-up's stored details and tools, or BAD_USER_INPUT with every problem at its field. */
export function checkSignup(fields: SignupFields, context: SignupContext, now: Date): { details: SignupDetails; tools: { toolId: string; quantity: number }[]; dayIds: string[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ path: ['input', field], message });
  const contact = text(fields.contact);
  if (contact && !fields.contactConsent) problem('contact', CONTACT_WITHOUT_CONSENT);
  const dayIds = [...new Set(fields.dayIds)];
  if (dayIds.some((id) => !context.dayIds.has(id))) problem('dayIds', 'Kies een datum uit de lijst.');
  const tools = fields.tools ?? [];

  if (context.kind === 'SCHOUW') {
    if (!fields.walkerKind) problem('walkerKind', 'Kies of je meeloopt als bewoner of als professional.');
    if (fields.walkerKind === 'PROFESSIONAL' && !text(fields.organisation)) problem('organisation', 'Vul in voor welke organisatie je meeloopt.');
    if (fields.streetId) problem('streetId', NOT_FOR_SCHOUW);
    if (text(fields.houseNumber)) problem('houseNumber', NOT_FOR_SCHOUW);
    if (fields.estimateM2 != null) problem('estimateM2', NOT_FOR_SCHOUW);
    if (fields.estimateTiles != null) problem('estimateTiles', NOT_FOR_SCHOUW);
    if (tools.length > 0) problem('tools', NOT_FOR_SCHOUW);
    if (fields.wantsHelp) problem('wantsHelp', NOT_FOR_SCHOUW);
    if (fields.wantsPickup) problem('wantsPickup', NOT_FOR_SCHOUW);
  } else {
    const schouwOnly = context.kind === 'OPRUIMEN' ? NOT_FOR_OPRUIMEN : NOT_FOR_TEGELWIPPEN;
    if (fields.walkerKind) problem('walkerKind', schouwOnly);
    if (text(fields.organisation)) problem('organisation', schouwOnly);
    if (text(fields.needs)) problem('needs', schouwOnly);
    if (context.kind === 'OPRUIMEN' && fields.estimateM2 != null) problem('estimateM2', NO_TILES_IN_CLEANUP);
    if (context.kind === 'OPRUIMEN' && fields.estimateTiles != null) problem('estimateTiles', NO_TILES_IN_CLEANUP);
    if (!fields.streetId) problem('streetId', 'Kies de straat van je tuin.');
    else if (!context.streetIds.has(fields.streetId)) problem('streetId', 'Kies een straat uit de lijst.');
    if (!text(fields.houseNumber)) problem('houseNumber', 'Vul het huisnummer van je tuin in.');
    tools.forEach((tool, index) => {
      if (!context.toolIds.has(tool.toolId)) problems.push({ path: ['input', 'tools', String(index), 'toolId'], message: 'Kies gereedschap uit de lijst.' });
    });
    if (new Set(tools.map((t) => t.toolId)).size !== tools.length) problem('tools', 'Noem elk gereedschap maar één keer.');
  }
  if (problems.length > 0) throw badInput(problems.map((p) => p.message).join(' '), { fields: problems });

  const schouw = context.kind === 'SCHOUW';
  const at = now.toISOString();
  return {
    dayIds,
    tools: schouw ? [] : tools.map((t) => ({ toolId: t.toolId, quantity: t.quantity })),
    details: {
      display_name: fields.displayName.trim(),
      contact,
      contact_consent_at: contact ? at : null,
      walker_kind: schouw ? fields.walkerKind! : null,
      organisation: schouw && fields.walkerKind === 'PROFESSIONAL' ? text(fields.organisation) : null,
      needs: schouw ? text(fields.needs) : null,
      street_id: schouw ? null : fields.streetId!,
      house_number: schouw ? null : text(fields.houseNumber),
      estimate_area_cm2: !schouw && fields.estimateM2 != null ? fields.estimateM2 * CM2_PER_M2 : null,
      estimate_tiles: schouw ? null : (fields.estimateTiles ?? null),
      wants_help: !schouw && fields.wantsHelp ? 1 : 0,
      wants_pickup: !schouw && fields.wantsPickup ? 1 : 0,
      updated_at: at,
    },
  };
}
