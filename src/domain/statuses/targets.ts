/**
 * The statuses a new post refers to: the one it replies to and the one it quotes. A post
 * the author may not see (or may not quote) is answered as if it did not exist, with
 * Mastodon's own messages.
 */
import { AppError } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from './access.ts';
import { quoteDecision } from './quote-policy.ts';

/** The original of a boost, or the status itself (Mastodon's `Status#proper`). */
async function proper(deps: Pick<Deps, 'db'>, id: string): Promise<StatusRecord | null> {
  const status = isId(id) ? await findStatusById(deps.db, id) : null;
  if (!status || status.reblogOfId === null) return status;
  return findStatusById(deps.db, status.reblogOfId);
}

export async function findReplyTarget(
  deps: Pick<Deps, 'db' | 'clock'>,
  author: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const status = await proper(deps, id);
  if (status && (await checkAccess(deps, author, [status])).canSee(status)) return status;
  throw new AppError(404, 'The post you are trying to reply to does not appear to exist.');
}

export async function findQuoteTarget(
  deps: Pick<Deps, 'db' | 'clock'>,
  author: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const status = await proper(deps, id);
  if (status) {
    const access = await checkAccess(deps, author, [status]);
    if (
      access.canSee(status) &&
      access.viewer &&
      quoteDecision(status, { id: author.id, facts: access.viewer.facts }) === 'automatic'
    ) {
      return status;
    }
  }
  throw new AppError(404, 'The post you are trying to quote does not appear to exist.');
}
