import { gql } from '$lib/graphql/client';
import { PUBLIC_TALLY_PROGRESS } from '$lib/graphql/progress-operations';

/** A counting action's public figures, as the progress page shows and refreshes them. */
export const publicProgress = async (id: string) => (await gql(PUBLIC_TALLY_PROGRESS, { id })).publicProgress;
