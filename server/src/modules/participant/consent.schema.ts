/**
 * GraphQL of a participant changing their own consent after joining (see
 * consent.service.ts); what is stored about them is `myData` (participant.schema.ts).
 */
import { builder } from '../../graphql/builder.js';
import { contactInput, ParticipantRef } from './participant.schema.js';
import * as service from './consent.service.js';

const UpdateMyConsentInput = builder.inputType('UpdateMyConsentInput', {
  description: 'All three choices at once, as the form shows them.',
  fields: (t) => ({
    contact: t.string({
      required: false,
      description: 'An e-mail address or phone number for feedback; empty or null keeps none.',
      validate: contactInput,
    }),
    contactConsent: t.boolean({ description: 'May the Buurtkracht team contact you about your reports? Without it, no contact details are kept.' }),
    showNameInRankings: t.boolean({ description: 'Show your name in rankings; otherwise your pseudonym is shown.' }),
  }),
});

builder.mutationFields((t) => ({
  updateMyConsent: t.field({
    type: ParticipantRef,
    description: "Changes this participant's contact details, contact consent and ranking choice. Withdrawing consent erases the contact details.",
    authScopes: { participant: true },
    args: { input: t.arg({ type: UpdateMyConsentInput }) },
    resolve: (_root, { input }, ctx) => service.updateMyConsent(ctx.db, ctx.viewer, input, ctx.requestId),
  }),
}));
