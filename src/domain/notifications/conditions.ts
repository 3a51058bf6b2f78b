/**
 * Whether a notification is dropped, filtered or delivered: Mastodon's
 * NotifyService::DropCondition and FilterCondition.
 *
 * Dropped (never stored): to a suspended recipient, to oneself (but one's own poll ending),
 * from an account or a domain the recipient blocks, from an account whose notifications the
 * recipient muted, about a thread the recipient muted, and mentions the recipient's mute and
 * block settings hide. Then the recipient's policy: for each of not-following,
 * not-followers, new accounts, private mentions and limited accounts it may drop, filter
 * (stored, shown only on request) or accept. Staff mentioning a user of lower rank get
 * through the policy and the mutes; an accepted notification request lets its sender through
 * the policy.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import type {
  NotificationPolicyRecord,
  PolicyAction,
} from '../../db/repositories/notification-policies.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { RoleName } from '../../db/repositories/users.ts';
import {
  blocksOrMutesNotificationsOfAny,
  type NotifyFacts,
} from '../../db/views/notification-facts.ts';
import type { Deps } from '../context.ts';
import { isFilterable, type NotificationType } from './types.ts';

const day = 86_400_000;
/** Accounts younger than this are "new" (Mastodon's NEW_ACCOUNT_THRESHOLD). */
const newAccountMs = 30 * day;
/** A follower of less than this long still counts as a stranger (NEW_FOLLOWER_THRESHOLD). */
const newFollowerMs = 3 * day;
/** How far up a thread a private mention looks for the recipient's own (Mastodon's). */
const threadDepthLimit = 100;

export interface NotifyCase {
  type: NotificationType;
  recipient: AccountRecord;
  recipientRole: RoleName;
  sender: AccountRecord;
  /** The sender's role when it is a local user. */
  senderRole: RoleName | null;
  status: StatusRecord | null;
  policy: NotificationPolicyRecord;
  facts: NotifyFacts;
  now: number;
}

const rank: Record<RoleName, number> = { User: 0, Moderator: 1, Admin: 2, Owner: 3 };

/** Mastodon's `bypass_block?`: a moderator or above, ranked over the recipient. */
function fromStaff(c: NotifyCase): boolean {
  return (
    c.senderRole !== null && c.senderRole !== 'User' && rank[c.senderRole] > rank[c.recipientRole]
  );
}

const isMessage = (c: NotifyCase): boolean => c.type === 'mention';

/**
 * Mastodon's FeedManager#filter_from_mentions?: a mention is hidden when the recipient blocks,
 * or mutes with notifications, anyone it mentions or answers. (Limited authors are left to
 * the policy's limited-accounts rule, as since Mastodon 4.3.)
 */
async function blockedMention(deps: Pick<Deps, 'db'>, c: NotifyCase): Promise<boolean> {
  const status = c.status;
  if (!status) return false;
  const involved = (await findMentionsByStatusIds(deps.db, [status.id]))
    .filter((m) => !m.silent)
    .map((m) => m.accountId);
  if (status.inReplyToAccountId !== null) involved.push(status.inReplyToAccountId);
  return blocksOrMutesNotificationsOfAny(deps.db, c.recipient.id, involved, c.now);
}

/**
 * Is a direct mention an answer in a private conversation the recipient started with the
 * sender? Up the thread, the first post that mentions the sender decides: it must be the
 * recipient's and direct (Mastodon's `response_to_recipient?`).
 */
async function answersRecipient(deps: Pick<Deps, 'db'>, c: NotifyCase): Promise<boolean> {
  let id = c.status?.inReplyToId ?? null;
  const seen = new Set<string>();
  for (let depth = 0; id !== null && depth <= threadDepthLimit && !seen.has(id); depth++) {
    seen.add(id);
    const post = await findStatusById(deps.db, id);
    if (!post) return false;
    const mentionsSender = (await findMentionsByStatusIds(deps.db, [post.id])).some(
      (m) => !m.silent && m.accountId === c.sender.id,
    );
    if (mentionsSender && (depth === 0 || post.accountId === c.recipient.id)) {
      return post.accountId === c.recipient.id && post.visibility === 'direct';
    }
    id = post.inReplyToId;
  }
  return false;
}

/** The policy rules that apply to this notification, each with the action the policy says. */
async function policyVerdicts(deps: Pick<Deps, 'db'>, c: NotifyCase): Promise<PolicyAction[]> {
  const p = c.policy;
  const notFollowing = !c.facts.following;
  const notFollower =
    c.facts.followedSince === null || c.facts.followedSince > c.now - newFollowerMs;
  const newAccount = c.sender.createdAt > c.now - newAccountMs;
  const verdicts: PolicyAction[] = [];
  if (c.sender.silencedAt !== null && notFollowing) verdicts.push(p.forLimitedAccounts);
  if (notFollowing) verdicts.push(p.forNotFollowing);
  if (notFollower) verdicts.push(p.forNotFollowers);
  if (newAccount && notFollowing) verdicts.push(p.forNewAccounts);
  if (
    notFollowing &&
    p.forPrivateMentions !== 'accept' &&
    c.type === 'mention' &&
    c.status?.visibility === 'direct' &&
    !(await answersRecipient(deps, c))
  ) {
    verdicts.push(p.forPrivateMentions);
  }
  return verdicts;
}

export type Verdict = 'drop' | 'filter' | 'deliver';

/** What becomes of the notification `c`. */
export async function decide(deps: Pick<Deps, 'db'>, c: NotifyCase): Promise<Verdict> {
  if (c.recipient.suspendedAt !== null) return 'drop';
  if (c.recipient.id === c.sender.id && c.type !== 'poll') return 'drop';
  const staffMessage = isMessage(c) && fromStaff(c);
  if (!staffMessage) {
    if (c.facts.blockingDomain && !c.facts.following) return 'drop';
    if (c.facts.blocking || c.facts.mutingNotifications || c.facts.conversationMuted) {
      return 'drop';
    }
    if (isMessage(c) && (await blockedMention(deps, c))) return 'drop';
  }
  // A post of a muted account never reaches the follower's home feed, so neither does its
  // `status` notification (Mastodon's FeedInsertWorker asks the home feed filter).
  if (c.type === 'status' && c.facts.muting) return 'drop';
  if (!isFilterable(c.type) || c.facts.permitted || staffMessage) return 'deliver';
  const verdicts = await policyVerdicts(deps, c);
  if (verdicts.includes('drop')) return 'drop';
  return verdicts.includes('filter') ? 'filter' : 'deliver';
}
