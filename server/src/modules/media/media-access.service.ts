/**
 * Who may see a photo. Apart from its uploader, access comes only through a finding that
 * shows it, under the finding module's own rules (findingAccess, previousRating), so that
 * a photo is never shown to someone who could not see it beside its finding. Kept apart
 * from media.service.ts, which the finding module uses when photos are cited.
 */
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { previousRating } from '../finding/finding-details.service.js';
import { findingAccess } from '../finding/finding.service.js';
import { isPublicResultsPhoto } from '../observation/public-results.service.js';
import * as repo from './media.repo.js';
import { ownerOf, recorderOwner } from './media.service.js';

/**
 * A photo is shown to its uploader; to staff who may see a finding that shows it; to
 * participants of that finding's campaign (the same walk); and to schouw walkers as the
 * photo that Spot.previousRating gives them (last year's photo of the spot they are at).
 * To anyone, signed in or not, while a coordinator has marked it for the public results of
 * its schouw and those results are on (public-results.service.ts). A refusal is answered
 * like a missing photo.
 */
export async function maySeeMedia(db: DbOrTrx, viewer: Viewer, id: string): Promise<boolean> {
  const media = await repo.findMedia(db, id);
  if (!media) return false;
  if (media.owner === ownerOf(viewer)) return true;
  if (await isPublicResultsPhoto(db, media)) return true;
  if (viewer.kind === 'anonymous') return false;
  for (const finding of await repo.findingsShowing(db, id)) {
    // A finding lends access only to photos its recorder uploaded. Checked here, when the
    // photo is looked at, rather than once at upload: a finding may cite a photo id before
    // it is uploaded (offline sync), and whoever uploads under that id later, or whichever
    // path linked the two, this comparison of two stored facts still holds.
    if (recorderOwner(finding) !== media.owner) continue;
    if (findingAccess(viewer, { id: finding.campaign_id, neighbourhoodId: finding.neighbourhood_id }, { routedOrganisationId: finding.routed_organisation_id })) return true;
    if (viewer.kind === 'participant' && finding.spot_id) {
      const previous = await previousRating(db, viewer, finding.spot_id, viewer.campaignId);
      if (previous?.findingId === finding.id && previous.photoId === id) return true;
    }
  }
  return false;
}
