/**
 * The parameters of posting and editing (Api::V1::StatusesController#status_params), read as
 * Rails' strong parameters let them through: text where text is expected (a hash or list
 * there is dropped), lists where lists are expected, Rails' booleans, and a poll only when
 * one was sent.
 */
import type { NewStatus } from '../../../domain/statuses/create-status.ts';
import type { StatusEditInput } from '../../../domain/statuses/edit-status.ts';
import { preparePollOptions, type PollInput } from '../../../domain/statuses/polls/poll-input.ts';
import { booleanParam } from '../boolean-param.ts';
import type { Params } from '../params.ts';

/** A scalar parameter as text; null when absent or not a scalar. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Text that counts only when present (Rails' `.presence`). */
function present(value: unknown): string | null {
  const t = text(value);
  return t !== null && t.trim() !== '' ? t : null;
}

/** A list of scalars (`media_ids[]`); null when absent or not a list. */
function list(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.map(text).filter((v): v is string => v !== null);
}

/** `poll[options][]`, `poll[expires_in]`, `poll[multiple]`, `poll[hide_totals]`. */
export function readPoll(value: unknown): PollInput | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const poll = value as Record<string, unknown>;
  if (Object.keys(poll).length === 0) return null;
  // Poll#expires_in=: a present value is read with `to_i`; nothing else gives no expiry.
  const raw = text(poll.expires_in);
  const expiresIn = raw === null || raw.trim() === '' ? null : Number.parseInt(raw, 10) || 0;
  return {
    options: preparePollOptions(list(poll.options) ?? []),
    expiresIn,
    multiple: booleanParam(poll.multiple) ?? false,
    hideTotals: booleanParam(poll.hide_totals) ?? false,
  };
}

export function readNewStatus(
  params: Params,
  extra: { applicationId: string | null; idempotencyKey: string | null },
): NewStatus {
  return {
    text: text(params.status),
    spoilerText: text(params.spoiler_text),
    sensitive: booleanParam(params.sensitive) ?? null,
    visibility: present(params.visibility),
    language: present(params.language),
    inReplyToId: present(params.in_reply_to_id),
    quotedStatusId: present(params.quoted_status_id),
    quoteApprovalPolicy: present(params.quote_approval_policy),
    mediaIds: list(params.media_ids),
    poll: readPoll(params.poll),
    scheduledAt: text(params.scheduled_at),
    contentType: present(params.content_type),
    localOnly: booleanParam(params.local_only) ?? null,
    allowedMentions: list(params.allowed_mentions),
    applicationId: extra.applicationId,
    idempotencyKey: extra.idempotencyKey,
  };
}

export function readStatusEdit(params: Params): StatusEditInput {
  return {
    text: text(params.status),
    spoilerText: text(params.spoiler_text),
    sensitive: booleanParam(params.sensitive) ?? null,
    language: present(params.language),
    poll: readPoll(params.poll),
    mediaIds: list(params.media_ids),
    contentType: present(params.content_type),
    quoteApprovalPolicy: present(params.quote_approval_policy),
  };
}
