/**
 * FollowService: one account follows another.
 *
 * - Following oneself, or a suspended account, is a 404 (Mastodon's "following not possible").
 * - Following an account that blocks you or that you block, one that has moved away, or one
 *   on a domain you block is a 403 `This action is not allowed`.
 * - Following again only changes the options given (boosts, notifications, languages), on the
 *   follow or on the request still waiting.
 * - A locked account, a remote one (it answers with Accept or Reject later) or a follower who
 *   is silenced gets a follow request (`follow.requested`); anyone else is followed at once
 *   (`follow.created`) and both counters move in the same transaction.
 */
import { forbidden, notFound, unprocessable } from '../../core/errors.ts';
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { eitherBlocks } from '../../db/repositories/blocks.ts';
import { blocksDomain } from '../../db/repositories/account-domain-blocks.ts';
import {
  findFollow,
  insertFollow,
  updateFollowOptions,
  type FollowOptions,
  type FollowRecord,
} from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { isSupportedLanguage } from '../languages.ts';
import { transactionWithEvents } from '../transaction.ts';

export interface FollowInput {
  /** Show the account's boosts in the home feed (default true). */
  reblogs?: boolean;
  /** Notify the follower of the account's posts (default false). */
  notify?: boolean;
  /** Only these languages reach the home feed; null or empty for every language. */
  languages?: string[] | null;
  /** The ActivityPub id of the Follow, when a remote account follows (Undo and Accept name it). */
  uri?: string;
}

export type FollowOutcome = 'following' | 'requested';

function options(input: FollowInput): FollowOptions {
  const languages = input.languages;
  if (languages && !languages.every(isSupportedLanguage)) {
    throw unprocessable('Validation failed: Languages is invalid');
  }
  return {
    showReblogs: input.reblogs,
    notify: input.notify,
    // An empty list would hide every post; Mastodon's apps send it to mean "all languages".
    languages: languages === undefined ? undefined : languages?.length ? languages : null,
  };
}

export async function followAccount(
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
  input: FollowInput = {},
): Promise<FollowOutcome> {
  if (target.id === source.id || target.suspendedAt !== null) throw notFound();
  if (
    (await eitherBlocks(deps.db, source.id, target.id)) ||
    target.movedToAccountId !== null ||
    (target.domain !== null && (await blocksDomain(deps.db, source.id, target.domain)))
  ) {
    throw forbidden();
  }
  const changes = options(input);

  const following = await findFollow(deps.db, 'follows', source.id, target.id);
  const pending = following
    ? null
    : await findFollow(deps.db, 'follow_requests', source.id, target.id);
  if (following) {
    await updateFollowOptions(deps.db, 'follows', following.id, changes);
    return 'following';
  }
  if (pending) {
    await updateFollowOptions(deps.db, 'follow_requests', pending.id, changes);
    return 'requested';
  }

  const follow: FollowRecord = {
    id: deps.ids.next(),
    accountId: source.id,
    targetAccountId: target.id,
    showReblogs: changes.showReblogs ?? true,
    notify: changes.notify ?? false,
    languages: changes.languages ?? null,
    uri: input.uri ?? null,
    createdAt: deps.clock.now(),
  };
  const request = target.locked || target.domain !== null || source.silencedAt !== null;
  if (request) {
    await transactionWithEvents(deps, async (tx, emit) => {
      if (!(await insertFollow(tx, 'follow_requests', follow))) return;
      await emit('follow.requested', {
        requestId: follow.id,
        accountId: source.id,
        targetAccountId: target.id,
      });
    });
    return 'requested';
  }
  await transactionWithEvents(deps, async (tx, emit) => {
    if (!(await insertFollow(tx, 'follows', follow))) return;
    await countFollow(tx, source.id, target.id, 1);
    await emit('follow.created', {
      followId: follow.id,
      accountId: source.id,
      targetAccountId: target.id,
    });
  });
  return 'following';
}
