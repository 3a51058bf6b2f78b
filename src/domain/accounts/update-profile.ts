/**
 * UpdateProfile: what `PATCH /api/v1/accounts/update_credentials` changes on a local account
 * and its posting defaults. Every field is checked before anything is written, and the account
 * and the user's settings are written in one transaction, so a request with one bad field
 * changes nothing. Then emits `account.updated` (federation sends the new profile).
 *
 * The bio and the field values are kept as typed (shown back in `source`) and as the HTML
 * Mastodon would render from them (links, hashtags, mentions of known accounts).
 */
import {
  updateAccount,
  type AccountRecord,
  type ProfileField,
} from '../../db/repositories/accounts.ts';
import { updateUser, type UserRecord, type UserSettings } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { isSupportedLanguage } from '../languages.ts';
import { resolveMentions } from '../statuses/mentions.ts';
import { countStatusLength } from '../statuses/text/length.ts';
import { renderPlainText } from '../statuses/text/render-plain.ts';
import { profileLimits } from './profile-limits.ts';
import { recordInvalid, addError, fieldError, type FieldErrors } from '../validation.ts';

export const postingPrivacies = ['public', 'unlisted', 'private'] as const;
export const quotePolicies = ['public', 'followers', 'nobody'] as const;

/** Only what is given changes; `undefined` leaves a value as it is. */
export interface ProfileChanges {
  displayName?: string;
  note?: string;
  locked?: boolean;
  bot?: boolean;
  discoverable?: boolean | null;
  hideCollections?: boolean | null;
  indexable?: boolean;
  /** The whole new list of profile fields, in order. */
  fields?: { name: string; value: string }[];
  privacy?: string;
  sensitive?: boolean;
  /** `''` or null: no default posting language. */
  language?: string | null;
  quotePolicy?: string;
}

const codepoints = (text: string): number => [...text].length;
const truncate = (text: string, max: number): string => [...text].slice(0, max).join('');

/**
 * Mastodon's Account#fields_attributes=: pairs with neither name nor value are dropped, the
 * rest are stripped and cut to the field limit (Mastodon cuts overlong names and values, it
 * does not refuse them).
 */
function normalizeFields(fields: { name: string; value: string }[]) {
  return fields
    .map((f) => ({ name: f.name.trim(), value: f.value.trim() }))
    .filter((f) => f.name !== '' || f.value !== '')
    .map((f) => ({
      name: truncate(f.name, profileLimits.fieldNameLength),
      value: truncate(f.value, profileLimits.fieldValueLength),
    }));
}

function check(changes: ProfileChanges, fields: { name: string; value: string }[] | undefined) {
  const details: FieldErrors = {};
  if (
    changes.displayName !== undefined &&
    codepoints(changes.displayName.trim()) > profileLimits.displayNameLength
  ) {
    addError(details, 'display_name', fieldError.tooLong(profileLimits.displayNameLength));
  }
  // Mastodon's NoteLengthValidator counts a bio as StatusLengthValidator counts a post.
  if (
    changes.note !== undefined &&
    countStatusLength(changes.note.trim()) > profileLimits.noteLength
  ) {
    addError(details, 'note', fieldError.tooLong(profileLimits.noteLength));
  }
  if (fields && fields.length > profileLimits.fields) {
    addError(details, 'fields', fieldError.tooLong(profileLimits.fields));
  }
  if (fields?.some((f) => f.name === '' && f.value !== '')) {
    addError(details, 'fields', {
      error: 'ERR_FIELDS_WITH_VALUES_MISSING_LABELS',
      description: 'contains values with missing labels',
    });
  }
  const oneOf = (list: readonly string[], value: string | undefined) =>
    value === undefined || list.includes(value);
  if (!oneOf(postingPrivacies, changes.privacy)) {
    addError(details, 'source[privacy]', fieldError.inclusion());
  }
  if (changes.language && !isSupportedLanguage(changes.language)) {
    addError(details, 'source[language]', fieldError.inclusion());
  }
  if (!oneOf(quotePolicies, changes.quotePolicy)) {
    addError(details, 'source[quote_policy]', fieldError.inclusion());
  }
  return details;
}

/**
 * Applies `changes` to a local account, or throws Mastodon's 422 naming every bad field
 * (and writes nothing).
 *
 * @example await updateProfile(deps, account, user, { displayName: 'Alice', locked: true });
 */
export async function updateProfile(
  deps: Deps,
  account: AccountRecord,
  user: UserRecord,
  changes: ProfileChanges,
): Promise<{ account: AccountRecord; user: UserRecord }> {
  const fields = changes.fields && normalizeFields(changes.fields);
  const details = check(changes, fields);
  if (Object.keys(details).length) throw recordInvalid(details);

  const now = deps.clock.now();
  const next: Partial<AccountRecord> = {};
  if (changes.displayName !== undefined) next.displayName = changes.displayName.trim();
  if (changes.locked !== undefined) next.locked = changes.locked;
  if (changes.bot !== undefined) {
    next.bot = changes.bot;
    // Mastodon's `bot` is the actor type: a Service is a bot, a Person is not.
    next.actorType = changes.bot ? 'Service' : 'Person';
  }
  if (changes.discoverable !== undefined) next.discoverable = changes.discoverable;
  if (changes.hideCollections !== undefined) next.hideCollections = changes.hideCollections;
  if (changes.indexable !== undefined) next.indexable = changes.indexable;

  const noteSource = changes.note?.trim();
  const { targets } = await resolveMentions(
    deps,
    account.id,
    [noteSource ?? '', ...(fields ?? []).map((f) => f.value)].join('\n'),
  );
  const baseUrl = deps.config.baseUrl;
  const links = {
    mentions: targets,
    tagUrl: (name: string) => `${baseUrl}/tags/${encodeURIComponent(name)}`,
  };
  if (noteSource !== undefined) {
    next.noteSource = noteSource;
    next.note = renderPlainText(noteSource, links);
  }
  if (fields) {
    next.fields = fields.map((f): ProfileField => {
      // A link keeps its verification while its value stays the same.
      const previous = account.fields.find((old) => (old.source ?? old.value) === f.value);
      return {
        name: f.name,
        value: renderPlainText(f.value, {
          ...links,
          multiline: false,
          relMe: true,
          withDomains: true,
        }),
        source: f.value,
        verified_at: previous?.verified_at ?? null,
      };
    });
  }

  const settings: UserSettings = { ...user.settings };
  if (changes.privacy !== undefined) {
    settings.default_privacy = changes.privacy as UserSettings['default_privacy'];
  }
  if (changes.sensitive !== undefined) settings.default_sensitive = changes.sensitive;
  if (changes.language !== undefined) settings.default_language = changes.language || null;
  if (changes.quotePolicy !== undefined) {
    settings.default_quote_policy = changes.quotePolicy as UserSettings['default_quote_policy'];
  }
  const settingsChanged = JSON.stringify(settings) !== JSON.stringify(user.settings);
  const accountChanged = Object.keys(next).length > 0;
  if (!accountChanged && !settingsChanged) return { account, user };

  await transactionWithEvents(deps, async (tx, emit) => {
    if (accountChanged) {
      await updateAccount(tx, account.id, { ...next, updatedAt: now });
      await emit('account.updated', { accountId: account.id });
    }
    if (settingsChanged) await updateUser(tx, user.id, { settings, updatedAt: now });
  });
  return {
    account: accountChanged ? { ...account, ...next, updatedAt: now } : account,
    user: settingsChanged ? { ...user, settings, updatedAt: now } : user,
  };
}
