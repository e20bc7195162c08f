/** The public sign-up form's address: on the poster, on the campaign page and in the start-up text. */
export const signupFormLink = (settings: { publicUrl: string }, campaignId: string): string => `${settings.publicUrl}/aanmelden/${campaignId}`;
