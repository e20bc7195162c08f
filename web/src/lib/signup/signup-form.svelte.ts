/**
 * The sign-up form's state, for a new sign-up and for changing one (prefilled from the
 * personal page). Inputs bind to the value fields; the rules are signup-rules.ts, the
 * messages per field live in `errors` (the same FormErrors the console forms use, so the
 * server's field paths land next to the same fields).
 */
import { FormErrors } from '$lib/console/form-errors.svelte';
import type { MySignup, SignUpInput, UpdateMySignupInput } from '$lib/graphql/signup-operations';
import { t } from '$lib/i18n/i18n.svelte';
import { asksEstimate, estimateField, SIGNUP_FIELDS, signsUpGarden, signupProblems, wholeNumber, type CampaignKind, type EstimateUnit, type SignupField, type WalkerKind } from './signup-rules';

export class SignupFormState {
  dayIds = $state<string[]>([]);
  displayName = $state('');
  contactConsent = $state(false);
  contact = $state('');
  walkerKind = $state<WalkerKind | null>(null);
  organisation = $state('');
  needs = $state('');
  streetId = $state('');
  houseNumber = $state('');
  estimateUnit = $state<EstimateUnit>('M2');
  estimate = $state('');
  /** Quantity per tool id; 0 = not needed. */
  toolQuantities = $state<Record<string, number>>({});
  wantsHelp = $state(false);
  wantsPickup = $state(false);
  /** The honeypot: hidden from people; a bot that fills it gets an answer and nothing is stored. */
  website = $state('');

  readonly kind: CampaignKind;
  readonly errors = new FormErrors(SIGNUP_FIELDS, 'signup-fout');
  /** Fields whose message came from the check on the phone (a server message stays until the next send). */
  #checkedHere = new Set<string>();
  #tried = false;

  constructor(kind: CampaignKind, current?: MySignup) {
    this.kind = kind;
    if (current) this.#fill(current);
  }

  #fill(s: MySignup): void {
    this.dayIds = s.days.map((d) => d.day.id);
    this.displayName = s.displayName;
    this.contactConsent = s.contactConsent;
    this.contact = s.contact ?? '';
    this.walkerKind = s.walkerKind ?? null;
    this.organisation = s.organisation ?? '';
    this.needs = s.needs ?? '';
    this.streetId = s.street?.id ?? '';
    this.houseNumber = s.houseNumber ?? '';
    this.estimateUnit = s.estimateTiles !== null && s.estimateM2 === null ? 'TILES' : 'M2';
    this.estimate = String(s.estimateM2 ?? s.estimateTiles ?? '');
    this.toolQuantities = Object.fromEntries(s.tools.map((x) => [x.tool.id, x.quantity]));
    this.wantsHelp = s.wantsHelp;
    this.wantsPickup = s.wantsPickup;
  }

  setToolQuantity(toolId: string, quantity: number): void {
    this.toolQuantities = { ...this.toolQuantities, [toolId]: quantity };
  }

  setDay(dayId: string, chosen: boolean): void {
    const others = this.dayIds.filter((id) => id !== dayId);
    this.dayIds = chosen ? [...others, dayId] : others;
  }

  /**
   * Checks the form on the phone; true when it may be sent. After the first try it runs on
   * every change (`recheck`), so a fixed field loses its message while the person types.
   */
  check(): boolean {
    this.#tried = true;
    const problems = signupProblems(this.kind, this);
    for (const field of SIGNUP_FIELDS) {
      const problem = problems[field];
      if (problem) {
        this.errors.set(field, t(problem.key, problem.params));
        this.#checkedHere.add(field);
      } else if (this.#checkedHere.delete(field)) {
        this.errors.clear(field);
      }
    }
    return Object.keys(problems).length === 0;
  }

  recheck(): void {
    if (this.#tried) this.check();
  }

  /** Takes the server's refusal: its field messages next to their fields; answers what is left for the banner. */
  refused(error: unknown): string | null {
    this.#checkedHere.clear();
    return this.errors.take(error);
  }

  /** The problems shown, in the order of the form, for the summary at the top. */
  get shownProblems(): { field: SignupField; message: string }[] {
    return SIGNUP_FIELDS.flatMap((field) => {
      const message = this.errors.message(field);
      return message ? [{ field, message }] : [];
    });
  }

  /** What the server takes to change a sign-up: only the questions of this kind, the rest null. */
  changes(): UpdateMySignupInput {
    // A tegelwip or clean-up day signs up a garden; only tegelwippen asks for an estimate of tiles.
    const garden = signsUpGarden(this.kind);
    const schouw = this.kind === 'SCHOUW';
    const estimate = asksEstimate(this.kind) ? wholeNumber(this.estimate) : null;
    return {
      dayIds: [...this.dayIds],
      displayName: this.displayName.trim(),
      contactConsent: this.contactConsent,
      contact: this.contactConsent ? this.contact.trim() || null : null,
      walkerKind: schouw ? this.walkerKind : null,
      organisation: schouw && this.walkerKind === 'PROFESSIONAL' ? this.organisation.trim() : null,
      needs: schouw ? this.needs.trim() || null : null,
      streetId: garden ? this.streetId || null : null,
      houseNumber: garden ? this.houseNumber.trim() || null : null,
      estimateM2: estimateField(this.estimateUnit) === 'estimateM2' ? estimate : null,
      estimateTiles: estimateField(this.estimateUnit) === 'estimateTiles' ? estimate : null,
      tools: garden ? Object.entries(this.toolQuantities).filter(([, n]) => n > 0).map(([toolId, quantity]) => ({ toolId, quantity })) : null,
      wantsHelp: garden ? this.wantsHelp : null,
      wantsPickup: garden ? this.wantsPickup : null,
    };
  }

  /** A new sign-up: the changes, the campaign, and the honeypot as it was left. */
  signUpInput(campaignId: string): SignUpInput {
    return { campaignId, ...this.changes(), website: this.website || null };
  }
}
