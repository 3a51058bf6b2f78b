/**
 * Pinning (POST /api/v1/statuses/:id/pin): the author features a post on their profile. The
 * post must be visible (else 404); then Mastodon's StatusPinValidator decides, and every rule
 * broken is named in one 422 "Validation failed: ..." in its order: not a boost, the
 * viewer's own post, not a direct post, and at most `maxPinnedStatuses` pins. Pinning a post
 * already pinned is Mastodon's 422 "Duplicate record".
 *
 * The count and the pin are read and written in one transaction. No event yet: the profile
 * reads the pins directly, and federation (`Add` to the featured collection) is to come.
 */
import { AppError } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { countStatusPins, insertStatusPin } from '../../db/repositories/status-pins.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { accountLimits } from '../instance/limits.ts';
import { ValidationErrors } from '../statuses/validation-errors.ts';
import { findInteractionTarget } from './target.ts';

export async function pinStatus(
  deps: Pick<Deps, 'db' | 'clock' | 'ids'>,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const { shown: status } = await findInteractionTarget(deps, account, id);
  const errors = new ValidationErrors();
  if (status.reblogOfId !== null) errors.add(null, 'A boost cannot be pinned');
  if (status.accountId !== account.id) errors.add(null, "Someone else's post cannot be pinned");
  if (status.visibility === 'direct') {
    errors.add(null, 'Posts that are only visible to mentioned users cannot be pinned');
  }
  await deps.db.transaction(async (tx) => {
    if ((await countStatusPins(tx, account.id)) >= accountLimits.maxPinnedStatuses) {
      errors.add(null, 'You have already pinned the maximum number of posts');
    }
    errors.throwIfAny();
    const pinned = await insertStatusPin(tx, {
      id: deps.ids.next(),
      accountId: account.id,
      statusId: status.id,
      createdAt: deps.clock.now(),
    });
    if (!pinned) throw new AppError(422, 'Duplicate record');
  });
  return status;
}
