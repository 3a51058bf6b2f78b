/**
 * ReblogService (POST /api/v1/statuses/:id/reblog): the viewer boosts a post. A boost is a
 * status of the booster's own with no text, pointing at the boosted post; boosting a boost
 * boosts its original. Boosting again answers with the boost that exists.
 *
 * Mastodon's StatusPolicy#reblog? decides who may: the post must be visible (else 404), and
 * it may not be a direct post, someone else's followers-only post, or a post by someone the
 * viewer blocks (403 "This action is not allowed"). A followers-only post of one's own is
 * boosted to the same followers. Otherwise the boost is as visible as the `visibility`
 * asked for, or the booster's default; it can never be direct.
 *
 * The boost, the post's `reblogs_count` and the booster's `statuses_count` are written in one
 * transaction; `status.reblogged` follows the commit (home feeds, notifications, `Announce`).
 */
import { forbidden } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findReblog } from '../../db/repositories/reblogs.ts';
import {
  bumpStatusCounter,
  insertStatus,
  visibilities,
  type StatusRecord,
  type Visibility,
} from '../../db/repositories/statuses.ts';
import type { UserRecord } from '../../db/repositories/users.ts';
import { postingDefaults } from '../accounts/posting-defaults.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { localStatusUris } from '../statuses/write-status.ts';
import { ValidationErrors } from '../statuses/validation-errors.ts';
import { findInteractionTarget } from './target.ts';

export interface Booster {
  account: AccountRecord;
  /** For the default visibility of boosts. */
  user: UserRecord;
}

/**
 * The visibility of a new boost of `proper`: that of the post itself when it is not public
 * (Mastodon's `hidden?`), else the one asked for or the booster's default. An empty value is
 * no value, and Mastodon then takes the post's own.
 */
function boostVisibility(
  proper: StatusRecord,
  requested: string | null,
  booster: Booster,
): Visibility {
  if (proper.visibility === 'private' || proper.visibility === 'direct') return proper.visibility;
  const fallback = postingDefaults(booster.account, booster.user).privacy;
  const wanted = requested === null ? fallback : requested === '' ? proper.visibility : requested;
  const errors = new ValidationErrors();
  // `limited` is a visibility Mastodon knows (for remote posts) but a boost may not have.
  if (!(visibilities as readonly string[]).includes(wanted) && wanted !== 'limited') {
    errors.add('visibility', 'is not included in the list');
  } else if (wanted === 'direct' || wanted === 'limited') {
    errors.add('visibility', 'is reserved');
  }
  errors.throwIfAny();
  return wanted as Visibility;
}

/** Boosts the post `id` names; answers with the boost (which embeds the post). */
export async function reblogStatus(
  deps: Deps,
  booster: Booster,
  id: string,
  requestedVisibility: string | null,
): Promise<StatusRecord> {
  const { account } = booster;
  const { proper, facts } = await findInteractionTarget(deps, account, id);
  const own = proper.accountId === account.id;
  if (
    proper.visibility === 'direct' ||
    (proper.visibility === 'private' && !own) ||
    facts.blocking.has(proper.accountId)
  ) {
    throw forbidden();
  }
  const existing = await findReblog(deps.db, account.id, proper.id);
  if (existing) return existing;

  const visibility = boostVisibility(proper, requestedVisibility, booster);
  const now = deps.clock.now();
  const boostId = deps.ids.next();
  // Mastodon addresses a boost as the `Announce` activity: `.../statuses/:id/activity`.
  const activity = `${localStatusUris(deps.config.baseUrl, account.username, boostId).uri}/activity`;
  const boost: StatusRecord = {
    id: boostId,
    accountId: account.id,
    uri: activity,
    url: activity,
    local: true,
    localOnly: proper.localOnly,
    visibility,
    text: '',
    contentType: 'text/plain',
    content: '',
    spoilerText: '',
    sensitive: false,
    language: null,
    inReplyToId: null,
    inReplyToAccountId: null,
    reblogOfId: proper.id,
    quoteOfId: null,
    quoteState: null,
    quoteApprovalPolicy: 'nobody',
    conversationId: null,
    applicationId: null,
    pollId: null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    editedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transactionWithEvents(deps, async (tx, emit) => {
      await insertStatus(tx, boost);
      await bumpStatusCounter(tx, proper.id, 'reblogs_count', 1);
      await bumpStatusesCount(tx, account.id, 1, now);
      await emit('status.reblogged', {
        statusId: boost.id,
        reblogOfId: proper.id,
        accountId: account.id,
        targetAccountId: proper.accountId,
      });
    });
  } catch (error) {
    // Another request of the same account boosted the post first: that boost is the answer.
    const raced = isUniqueViolation(error)
      ? await findReblog(deps.db, account.id, proper.id)
      : null;
    if (raced) return raced;
    throw error;
  }
  return boost;
}
