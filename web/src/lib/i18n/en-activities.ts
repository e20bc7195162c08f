/** English strings of the activities on this phone (see nl-activities.ts). */
import type { nlActivities } from './nl-activities';

export const enActivities: Record<keyof typeof nlActivities, string> = {
  'activities.kind.SCHOUW': 'Neighbourhood inspection',
  'activities.kind.TEGELWIPPEN': 'Tile removal',
  'activities.kind.OPRUIMEN': 'Clean-up',
  'blocked.revoked.title': 'No access any more',
  'blocked.revoked.body': 'This phone no longer has access to {name}. What you record here now can no longer be sent. Choose another activity on the start page, or join again with an invitation.',
  'blocked.toStart': 'Go to the start page',
  'blocked.transfer.title': 'A transfer code is open',
  'blocked.transfer.body': 'Do not record anything on this phone until {time}. As soon as the new phone uses the code, this phone can no longer send anything.',
  'blocked.toTransfer': 'Go to transfer',
};
