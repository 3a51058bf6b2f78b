/**
 * A post as it will be written: the author's input with Mastodon's defaults filled in
 * (PostStatusService#preprocess_attributes!) and checked with the Status model's rules. Used
 * for posting now, for scheduling (which only checks) and for publishing a scheduled post.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  quotePolicies,
  visibilities,
  type QuotePolicy,
  type StatusRecord,
  type Visibility,
} from '../../db/repositories/statuses.ts';
import type { UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import type { InstanceSettings } from '../instance/settings.ts';
import { isSupportedLanguage } from '../languages.ts';
import { isContentType, renderStatusContent, type ContentType } from './content.ts';
import { disallowedTags, disallowedTagsMessage, hashtagNames } from './hashtags.ts';
import { resolveMentions, type ResolvedMentions } from './mentions.ts';
import { validatePoll, type PollInput } from './polls/poll-input.ts';
import { countStatusLength } from './text/length.ts';
import { isBlank, stripStatusText } from './text/whitespace.ts';
import { ValidationErrors } from './validation-errors.ts';

/** What a client may send to post (POST /api/v1/statuses), read but not yet checked. */
export interface NewStatus {
  text: string | null;
  spoilerText: string | null;
  sensitive: boolean | null;
  visibility: string | null;
  language: string | null;
  inReplyToId: string | null;
  quotedStatusId: string | null;
  quoteApprovalPolicy: string | null;
  mediaIds: string[] | null;
  poll: PollInput | null;
  /** As sent; read the way Rails' `to_datetime` reads it. */
  scheduledAt: string | null;
  contentType: string | null;
  localOnly: boolean | null;
  /** When given, posting fails if it would mention anyone else. */
  allowedMentions: string[] | null;
  applicationId: string | null;
  idempotencyKey: string | null;
}

/** Who posts: the account, and its user for the posting preferences. */
export interface Poster {
  account: AccountRecord;
  user: UserRecord | null;
}

export interface StatusDraft {
  account: AccountRecord;
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string;
  contentType: ContentType;
  localOnly: boolean;
  thread: StatusRecord | null;
  quoted: StatusRecord | null;
  quoteApprovalPolicy: QuotePolicy;
  poll: PollInput | null;
  applicationId: string | null;
  mentions: ResolvedMentions;
  tagNames: string[];
  /** HTML. */
  content: string;
}

/** glitch-soc's marker: a post ending in 👁 stays on this server. */
const localOnlyMarker = /\u{1F441}\u{FE0F}?\s*$/u;

/** Mastodon's `valid_locale_or_nil`: a supported language, with any region dropped. */
function validLanguage(value: string | null | undefined): string | null {
  if (!value) return null;
  if (isSupportedLanguage(value)) return value;
  const code = value.split(/[_-]/)[0] ?? '';
  return isSupportedLanguage(code) ? code : null;
}

interface UserPreferences {
  default_privacy?: string;
  default_sensitive?: boolean;
  default_language?: string | null;
  default_quote_policy?: string;
  default_content_type?: string;
}

/**
 * Fills in the post and checks it. Errors are returned, not thrown: posting now answers them
 * as "Validation failed: ...", scheduling as Mastodon's bare "Record invalid".
 */
export async function buildDraft(
  deps: Pick<Deps, 'db' | 'config'>,
  poster: Poster,
  input: NewStatus,
  refs: { thread: StatusRecord | null; quoted: StatusRecord | null },
  settings: Pick<InstanceSettings, 'max_status_characters' | 'default_locale'>,
  now: number,
): Promise<{ draft: StatusDraft; errors: ValidationErrors }> {
  const { account } = poster;
  const preferences = (poster.user?.settings ?? {}) as UserPreferences;
  const errors = new ValidationErrors();
  // Status#prepare_contents strips both before anything looks at them.
  const spoilerText = stripStatusText(input.spoilerText ?? '');
  let text = stripStatusText(input.text ?? '');
  // A post with only a content warning gets a placeholder body (Mastodon's fill_blank_text!).
  if (isBlank(text) && !isBlank(spoilerText) && refs.quoted === null) text = '.';

  let visibility = (input.visibility ?? preferences.default_privacy ?? null) as Visibility | null;
  if (visibility === null) visibility = account.locked ? 'private' : 'public';
  if (!visibilities.includes(visibility)) {
    errors.add('visibility', 'is not included in the list');
    visibility = 'public';
  }
  if (visibility === 'public' && account.silencedAt !== null) visibility = 'unlisted';
  if (
    refs.quoted?.visibility === 'private' &&
    (visibility === 'public' || visibility === 'unlisted')
  ) {
    visibility = 'private';
  }

  const contentType = input.contentType ?? preferences.default_content_type ?? 'text/plain';
  const quotePolicy = input.quoteApprovalPolicy ?? preferences.default_quote_policy ?? 'public';
  const localOnly =
    input.localOnly ?? (refs.thread?.localOnly === true || localOnlyMarker.test(text));
  const mentions = await resolveMentions(deps, account.id, text);
  const tagNames = hashtagNames(text);

  // Media stand in for text (Mastodon's `text_required?`); the ids were checked before this.
  const hasMedia = (input.mediaIds?.length ?? 0) > 0;
  if (isBlank(text) && refs.quoted === null && !hasMedia) errors.add('text', "can't be blank");
  const max = settings.max_status_characters;
  if (countStatusLength(text, spoilerText) > max) {
    errors.add('text', `character limit of ${max} exceeded`);
  }
  const disallowed = disallowedTagsMessage(await disallowedTags(deps.db, tagNames));
  if (disallowed) errors.add('text', disallowed);
  if (!isContentType(contentType)) errors.add('content_type', 'is not included in the list');
  if (!(quotePolicies as readonly string[]).includes(quotePolicy)) {
    errors.add('quote_approval_policy', 'is not included in the list');
  }
  if (input.poll) validatePoll(errors, 'poll.', input.poll, now);

  const type: ContentType = isContentType(contentType) ? contentType : 'text/plain';
  const draft: StatusDraft = {
    account,
    text,
    spoilerText,
    sensitive: (input.sensitive ?? preferences.default_sensitive ?? false) || !isBlank(spoilerText),
    visibility,
    language:
      validLanguage(input.language) ??
      validLanguage(preferences.default_language) ??
      validLanguage(poster.user?.locale) ??
      validLanguage(settings.default_locale) ??
      'en',
    contentType: type,
    localOnly,
    thread: refs.thread,
    quoted: refs.quoted,
    quoteApprovalPolicy: quotePolicy as QuotePolicy,
    poll: input.poll,
    applicationId: input.applicationId,
    mentions,
    tagNames,
    content: await renderStatusContent(deps.config.baseUrl, text, type, mentions),
  };
  return { draft, errors };
}
