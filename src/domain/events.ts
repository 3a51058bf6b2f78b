/**
 * The domain events Woolly's services emit after their transaction commits. Handlers
 * (notifications, feeds, streaming, web push, federation outbox, mail) subscribe to these.
 */
/** An emoji reaction to a status, as `status.reacted` and `status.unreacted` carry it. */
export interface ReactionEvent {
  reactionId: string;
  statusId: string;
  accountId: string;
  targetAccountId: string;
  name: string;
  emojiDomain: string | null;
}

export interface DomainEvents {
  'account.created': { accountId: string; userId: string | null };
  'account.updated': { accountId: string };
  'account.deleted': { accountId: string; username: string; domain: string | null };
  // A local account is about to be deleted: emitted (and awaited) while it still exists, so
  // that federation can sign the Delete of its actor with its key.
  'account.deleting': { accountId: string };
  // A local account moved to another (federation sends Move to its followers).
  'account.moved': { accountId: string; targetAccountId: string };
  // The instance follows a relay (federation sends Follow from the instance actor) or stops.
  'relay.added': { relayId: string };
  'relay.removed': { relayId: string; inboxUrl: string; followActivityId: string };
  'user.confirmation_requested': { userId: string; email: string; token: string };
  'user.confirmed': { userId: string; accountId: string };
  'user.password_reset_requested': { userId: string; email: string; token: string };
  'user.approved': { userId: string; accountId: string };
  // A user archive (Settings > Import and export) is built and can be downloaded.
  'archive.ready': { userId: string; archiveId: string };

  // Posts. `local` says whether the author is on this server (federation delivers those).
  // `linked`: false when the post has no link a preview card could come from (no card job
  // then); absent when not known.
  'status.created': { statusId: string; accountId: string; local: boolean; linked?: boolean };
  'status.updated': { statusId: string; accountId: string; local: boolean };
  // Someone read the thread of a remote post (GET context): its missing parts may be fetched.
  'status.thread_opened': { statusId: string };
  'status.deleted': {
    statusId: string;
    accountId: string;
    uri: string;
    local: boolean;
    reblogOfId: string | null;
  };
  'status.reblogged': {
    statusId: string;
    reblogOfId: string;
    accountId: string;
    targetAccountId: string;
  };
  'status.favourited': {
    favouriteId: string;
    statusId: string;
    accountId: string;
    targetAccountId: string;
  };
  'status.unfavourited': { statusId: string; accountId: string; targetAccountId: string };
  // An emoji reaction (Pleroma's EmojiReact) was added or taken back, by a local or remote
  // account: `name` is the unicode emoji or the custom emoji's shortcode, `emojiDomain` the
  // custom emoji's server (null when unicode or local).
  'status.reacted': ReactionEvent;
  'status.unreacted': ReactionEvent;
  // A local author's answer to a remote QuoteRequest (FEP-044f) for one of its posts:
  // federation answers Accept (with Woolly's stamp) or Reject.
  'quote.decided': {
    quotingStatusId: string;
    quotedStatusId: string;
    requestUri: string;
    requesterAccountId: string;
    accepted: boolean;
  };
  // The quoted post's server answered a local quote's QuoteRequest (federation sends the
  // quote's Note again, with its stamp or without the quote).
  'quote.answered': { statusId: string; accountId: string };
  // A local author revoked a quote of one of its posts (federation deletes the stamp).
  'quote.revoked': { quotingStatusId: string; quotedStatusId: string };
  // A local author changed who may quote a post (federation sends its Note again).
  'status.quote_policy_changed': { statusId: string; accountId: string };
  'poll.voted': { pollId: string; statusId: string; accountId: string; choices: number[] };
  'poll.closed': { pollId: string; statusId: string };
  // A local poll's counts changed since they were last announced (debounced after votes).
  'poll.tallies_changed': { pollId: string; statusId: string };

  // Relationships.
  // `fromRequest`: the follow is an accepted request (Mastodon notifies a request, not its acceptance).
  'follow.created': {
    followId: string;
    accountId: string;
    targetAccountId: string;
    fromRequest?: boolean;
  };
  'follow.requested': { requestId: string; accountId: string; targetAccountId: string };
  'follow.accepted': { accountId: string; targetAccountId: string };
  'follow.rejected': { accountId: string; targetAccountId: string };
  'follow.removed': { accountId: string; targetAccountId: string };
  'block.created': { accountId: string; targetAccountId: string };
  'block.removed': { accountId: string; targetAccountId: string };
  'report.created': { reportId: string; accountId: string; targetAccountId: string };

  // Instance moderation: an admin's domain block was made, changed or lifted.
  'domain_block.changed': { domainBlockId: string; domain: string };

  // An account's filters (or their keywords or posts) changed: its streams say `filters_changed`.
  'filters.changed': { accountId: string };

  // A notification was made and shown (not filtered): streams and web push tell its recipient.
  'notification.created': { notificationId: string; accountId: string; type: string };
  // Accepted notification requests' notifications joined the others: streams say
  // `notifications_merged`, so apps reload the list.
  'notifications.merged': { accountId: string };
  // A participant's view of a direct conversation has a new latest post: their `direct`
  // stream says `conversation`.
  'conversation.updated': { accountId: string; accountConversationId: string };

  // Announcements: published (or edited while published), taken down (unpublished or
  // deleted), and a reaction added or removed. Every user's stream hears of them.
  'announcement.published': { announcementId: string };
  'announcement.removed': { announcementId: string };
  'announcement.reacted': { announcementId: string; name: string };
}
