/**
 * Mastodon's Account entity (REST::AccountSerializer): what every app shows of a profile.
 * A suspended account keeps its name but shows nothing else; `noindex` and `roles` exist only
 * for local accounts; `moved`, `suspended`, `limited` and `memorial` appear only when true.
 */
import type { AccountView } from '../../../domain/accounts/account-views.ts';
import { missingAvatarPath, missingHeaderPath } from '../../default-images.ts';
import { serializeCustomEmoji, type CustomEmojiJson } from './custom-emoji.ts';
import { serializeAccountRoles, type AccountRoleJson } from './role.ts';

export interface FieldJson {
  name: string;
  /** HTML. */
  value: string;
  verified_at: string | null;
}

export interface AccountJson {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean | null;
  indexable: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string | null;
  uri: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string | null;
  hide_collections: boolean | null;
  moved?: AccountJson | null;
  suspended?: true;
  limited?: true;
  noindex?: boolean;
  memorial?: true;
  emojis: CustomEmojiJson[];
  roles?: AccountRoleJson[];
  fields: FieldJson[];
}

/** Mastodon shows an account's creation as the midnight (UTC) of that day. */
const midnight = (ms: number): string => {
  const day = new Date(ms);
  day.setUTCHours(0, 0, 0, 0);
  return day.toISOString();
};

/** `2019-11-17`: Mastodon gives only the day of the last post. */
const dayOf = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString().slice(0, 10);

/** The Account entity of `view`; `baseUrl` is the instance's origin, for the default images. */
export function serializeAccount(
  view: AccountView,
  baseUrl: string,
  options: { nested?: boolean } = {},
): AccountJson {
  const a = view.account;
  const unavailable = a.suspendedAt !== null;
  const local = a.domain === null;
  const avatar =
    (!unavailable && (view.avatarUrl ?? a.avatarRemoteUrl)) || `${baseUrl}${missingAvatarPath}`;
  const header =
    (!unavailable && (view.headerUrl ?? a.headerRemoteUrl)) || `${baseUrl}${missingHeaderPath}`;
  const json: Omit<AccountJson, 'emojis' | 'fields'> = {
    id: a.id,
    username: a.username,
    acct: local ? a.username : `${a.username}@${a.domain}`,
    display_name: unavailable ? '' : a.displayName,
    locked: unavailable ? false : a.locked,
    bot: unavailable ? false : a.bot || a.actorType === 'Application' || a.actorType === 'Service',
    discoverable: unavailable ? false : a.discoverable,
    indexable: unavailable ? false : a.indexable,
    group: a.actorType === 'Group',
    created_at: midnight(a.createdAt),
    note: unavailable ? '' : a.note,
    url: a.url ?? a.uri,
    uri: a.uri,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: a.followersCount,
    following_count: a.followingCount,
    statuses_count: a.statusesCount,
    last_status_at: dayOf(a.lastStatusAt),
    hide_collections: a.hideCollections,
  };
  // A moved account shows where it went, but the target is not followed further.
  if (view.movedTo && !unavailable && !options.nested) {
    json.moved = serializeAccount(view.movedTo, baseUrl, { nested: true });
  }
  if (unavailable) json.suspended = true;
  if (a.silencedAt !== null) json.limited = true;
  if (local) json.noindex = view.user?.settings.noindex ?? false;
  if (a.memorial) json.memorial = true;
  const emojis = unavailable ? [] : view.emojis.map((e) => serializeCustomEmoji(e));
  const roles = local
    ? { roles: unavailable || !view.user ? [] : serializeAccountRoles(view.user.role) }
    : {};
  const fields = unavailable
    ? []
    : a.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verified_at }));
  return { ...json, emojis, ...roles, fields };
}
