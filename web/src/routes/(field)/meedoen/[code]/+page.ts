import { gql } from '$lib/graphql/client';
import { INVITE_PREVIEW } from '$lib/graphql/field-operations';
import type { PageLoad } from './$types';

// The invite is asked for while the screen loads, not after its first render: on a slow
// phone connection the form is there a round trip sooner. The promise never rejects (the
// page says what went wrong), so nothing waits unhandled until the page takes it.
export const load: PageLoad = ({ params }) => ({
  invite: gql(INVITE_PREVIEW, { code: params.code }).then(
    (result) => ({ preview: result.invitePreview, error: null }),
    (error: unknown) => ({ preview: null, error }),
  ),
});
