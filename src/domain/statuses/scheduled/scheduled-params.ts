/**
 * A scheduled post keeps the request it will be made from (Mastodon's ScheduledStatus
 * `params`): what the author sent, with the replied-to and quoted posts as ids.
 */
import type { ScheduledStatusParams } from '../../../db/repositories/scheduled-statuses.ts';
import type { NewStatus, StatusDraft } from '../draft.ts';

export function scheduledParams(input: NewStatus, draft: StatusDraft): ScheduledStatusParams {
  return {
    text: input.text ?? '',
    poll: input.poll
      ? {
          options: input.poll.options,
          expires_in: input.poll.expiresIn ?? 0,
          multiple: input.poll.multiple,
          hide_totals: input.poll.hideTotals,
        }
      : null,
    media_ids: input.mediaIds,
    sensitive: input.sensitive,
    spoiler_text: input.spoilerText,
    visibility: draft.visibility === input.visibility ? draft.visibility : null,
    language: input.language,
    in_reply_to_id: draft.thread?.id ?? null,
    quoted_status_id: draft.quoted?.id ?? null,
    quote_approval_policy: input.quoteApprovalPolicy,
    content_type: input.contentType,
    local_only: input.localOnly,
    allowed_mentions: input.allowedMentions,
    application_id: input.applicationId,
    scheduled_at: null,
    idempotency: null,
    with_rate_limit: false,
  };
}

/** The request a scheduled post is published from. */
export function newStatusFromParams(params: ScheduledStatusParams): NewStatus {
  return {
    text: params.text,
    spoilerText: params.spoiler_text,
    sensitive: params.sensitive,
    visibility: params.visibility,
    language: params.language,
    inReplyToId: params.in_reply_to_id,
    quotedStatusId: params.quoted_status_id,
    quoteApprovalPolicy: params.quote_approval_policy,
    mediaIds: params.media_ids,
    poll: params.poll
      ? {
          options: params.poll.options,
          expiresIn: params.poll.expires_in,
          multiple: params.poll.multiple,
          hideTotals: params.poll.hide_totals,
        }
      : null,
    scheduledAt: null,
    contentType: params.content_type,
    localOnly: params.local_only,
    allowedMentions: params.allowed_mentions,
    applicationId: params.application_id,
    idempotencyKey: null,
  };
}
