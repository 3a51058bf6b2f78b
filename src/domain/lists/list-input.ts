/**
 * What a client may set on a list (title, replies policy, exclusive), checked with Mastodon's
 * 422s: a blank title, or a replies policy that is not one of `followed`, `list`, `none`.
 */
import { unprocessable } from '../../core/errors.ts';
import { repliesPolicies, type RepliesPolicy } from '../../db/repositories/lists.ts';

export interface ListInput {
  title?: string | null;
  repliesPolicy?: string | null;
  exclusive?: boolean | null;
}

export function checkTitle(title: string | null | undefined): string {
  const trimmed = (title ?? '').trim();
  if (trimmed === '') throw unprocessable("Validation failed: Title can't be blank");
  return trimmed;
}

export function checkRepliesPolicy(value: string): RepliesPolicy {
  if (!(repliesPolicies as readonly string[]).includes(value)) {
    throw unprocessable(`'${value}' is not a valid replies_policy`);
  }
  return value as RepliesPolicy;
}
