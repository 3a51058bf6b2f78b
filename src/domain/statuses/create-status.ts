/**
 * PostStatus: the one way a local post is made (POST /api/v1/statuses). It finds what the
 * post replies to and quotes, honours the `Idempotency-Key`, fills in the author's defaults,
 * checks the post as Mastodon does, and then either writes it (one transaction) or schedules
 * it. Events and the poll's closing job follow the commit.
 *
 * Checks and answers, in Mastodon's order:
 * - reply or quote target missing or not visible: 404 with Mastodon's message;
 * - media: 422 "Cannot attach more than 4 files" / "Media ... not found ...";
 * - unreadable `scheduled_at`: 422 "Record invalid";
 * - the post itself: 422 "Validation failed: Text can't be blank" and the like.
 */
import { AppError } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { getSettings } from '../instance/settings.ts';
import { buildDraft, type NewStatus, type Poster, type StatusDraft } from './draft.ts';
import { withIdempotency, type PostResult } from './idempotency.ts';
import { attachMediaToStatus } from '../../db/repositories/media-attachments.ts';
import { findMediaForPost } from './media.ts';
import { pollExpiresAt } from './polls/poll-input.ts';
import { parseScheduledAt } from './scheduled/scheduled-at.ts';
import { scheduleStatus } from './scheduled/schedule-status.ts';
import { findQuoteTarget, findReplyTarget } from './targets.ts';
import { bareRecordInvalid, recordInvalid } from './validation-errors.ts';
import { transactionWithEvents } from '../transaction.ts';
import { afterStatusCreated, emitStatusCreated, writeNewStatus } from './write-status.ts';

export type { NewStatus, Poster, PostResult };

/** `allowed_mentions` was given and the post would mention someone else. */
export class UnexpectedMentionsError extends AppError {
  readonly accounts: AccountRecord[];
  constructor(accounts: AccountRecord[]) {
    super(422, 'Post would be sent to unexpected accounts');
    this.accounts = accounts;
  }
}

function checkAllowedMentions(draft: StatusDraft, allowed: readonly string[] | null): void {
  if (allowed === null) return;
  const expected = new Set(allowed.map(String));
  const unexpected = draft.mentions.accounts.filter((a) => !expected.has(a.id));
  if (unexpected.length > 0) throw new UnexpectedMentionsError(unexpected);
}

/** A private mention may quote only the author's own posts or a mentioned account's. */
function checkDirectQuote(draft: StatusDraft): void {
  const quoted = draft.quoted;
  if (!quoted || draft.visibility !== 'direct' || quoted.accountId === draft.account.id) return;
  if (draft.mentions.accounts.some((a) => a.id === quoted.accountId)) return;
  throw recordInvalid(['Cannot quote a non-mentioned user in a Private Mention post.']);
}

export async function postStatus(
  deps: Deps,
  poster: Poster,
  input: NewStatus,
): Promise<PostResult> {
  const now = deps.clock.now();
  const thread = input.inReplyToId
    ? await findReplyTarget(deps, poster.account, input.inReplyToId)
    : null;
  const quoted = input.quotedStatusId
    ? await findQuoteTarget(deps, poster.account, input.quotedStatusId)
    : null;
  return withIdempotency(deps, poster.account.id, input.idempotencyKey, async (recordKey) => {
    const media = await findMediaForPost(deps, poster.account.id, input.mediaIds);
    const scheduledAt = parseScheduledAt(input.scheduledAt);
    if (scheduledAt === 'invalid') throw bareRecordInvalid();
    const settings = await getSettings(deps);
    const built = await buildDraft(deps, poster, input, { thread, quoted }, settings, now);
    // A time already past posts now (Mastodon's scheduled_in_the_past?).
    if (scheduledAt !== null && scheduledAt > now) {
      checkDirectQuote(built.draft);
      return scheduleStatus(deps, poster, input, built, scheduledAt, recordKey, now, media);
    }
    const { draft, errors } = built;
    checkAllowedMentions(draft, input.allowedMentions);
    checkDirectQuote(draft);
    errors.throwIfAny();
    const status = await transactionWithEvents(deps, async (tx, emit) => {
      const written = await writeNewStatus(tx, deps, draft, now);
      await attachMediaToStatus(
        tx,
        media.map((m) => m.id),
        written.id,
        now,
      );
      await recordKey(tx, { statusId: written.id });
      await emitStatusCreated(emit, written);
      return written;
    });
    await afterStatusCreated(deps, status, draft.poll ? pollExpiresAt(draft.poll, now) : null);
    return { kind: 'status', status };
  });
}
