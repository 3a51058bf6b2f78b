/**
 * Everything an account is shown with besides its own row: the local user behind it (roles,
 * `noindex`), the custom emojis its name, bio and fields use, and the account it moved to.
 * Loaded for a whole list of accounts in a few queries, never one query per account.
 */
import type { Config } from '../../config/schema.ts';
import { findAccountImageKeys } from '../../db/repositories/account-images.ts';
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import { findEnabledEmojis } from '../../db/repositories/custom-emojis.ts';
import { findUsersByAccountIds, type UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { shortcodesIn } from '../instance/custom-emojis.ts';
import { publicMediaUrl } from '../media-attachments/urls.ts';
import { cachedProfileImageUrls } from '../remote-media/profile-views.ts';

export interface AccountView {
  account: AccountRecord;
  /** The local user behind the account; null for remote accounts. */
  user: UserRecord | null;
  /** The custom emojis its display name, bio and profile fields use. */
  emojis: CustomEmojiRecord[];
  /** The account it moved to (shown without a `moved` of its own), if any. */
  movedTo: AccountView | null;
  /** The URL of the uploaded avatar, when the account has one. */
  avatarUrl?: string;
  headerUrl?: string;
}

/**
 * Callers pass their whole `deps`; the configuration, when present, turns uploaded avatar and
 * header keys into URLs (without it, views show the remote or default images).
 */
type ViewDeps = Pick<Deps, 'db'> & { config?: Pick<Config, 'baseUrl' | 'media'> };

/** The texts of a profile in which `:shortcode:` emojis count (Mastodon's emojifiable text). */
function profileTexts(account: AccountRecord): string[] {
  return [
    account.displayName,
    account.domain === null ? account.noteSource : account.note,
    ...account.fields.flatMap((f) => [f.name, f.source ?? f.value]),
  ];
}

/** The enabled custom emojis each account's profile uses (Mastodon's Account#emojis). */
export async function emojisByAccount(
  deps: Pick<Deps, 'db'>,
  accounts: readonly AccountRecord[],
): Promise<Map<string, CustomEmojiRecord[]>> {
  const wanted = new Map(accounts.map((a) => [a.id, shortcodesIn(profileTexts(a).join('\n'))]));
  const byDomain = new Map<string | null, Set<string>>();
  for (const account of accounts) {
    const set = byDomain.get(account.domain) ?? new Set<string>();
    for (const code of wanted.get(account.id)!) set.add(code);
    byDomain.set(account.domain, set);
  }
  const found = new Map<string, CustomEmojiRecord>();
  for (const [domain, codes] of byDomain) {
    for (const emoji of await findEnabledEmojis(deps.db, domain, [...codes])) {
      found.set(`${emoji.shortcode}@${domain ?? ''}`, emoji);
    }
  }
  return new Map(
    accounts.map((a) => [
      a.id,
      wanted
        .get(a.id)!
        .map((code) => found.get(`${code}@${a.domain ?? ''}`))
        .filter((e): e is CustomEmojiRecord => e !== undefined),
    ]),
  );
}

async function viewsWithoutMoves(
  deps: ViewDeps,
  accounts: readonly AccountRecord[],
): Promise<AccountView[]> {
  const local = accounts.filter((a) => a.domain === null).map((a) => a.id);
  const users = new Map(
    (await findUsersByAccountIds(deps.db, local)).map((u) => [u.accountId, u] as const),
  );
  const emojis = await emojisByAccount(deps, accounts);
  const images = deps.config ? await findAccountImageKeys(deps.db, local) : new Map();
  const cached = deps.config
    ? await cachedProfileImageUrls({ db: deps.db, config: deps.config }, accounts)
    : new Map<string, { avatarUrl?: string; headerUrl?: string }>();
  const url = (key: string | null | undefined) =>
    key && deps.config ? { url: publicMediaUrl(deps.config, key) } : null;
  return accounts.map((account) => {
    const view: AccountView = {
      account,
      user: users.get(account.id) ?? null,
      emojis: emojis.get(account.id) ?? [],
      movedTo: null,
    };
    const keys = images.get(account.id);
    const avatar = url(keys?.avatarKey);
    const header = url(keys?.headerKey);
    if (avatar) view.avatarUrl = avatar.url;
    if (header) view.headerUrl = header.url;
    // Remote accounts: the copy in the media cache, when there is a current one.
    Object.assign(view, cached.get(account.id));
    return view;
  });
}

/** The views of `accounts`, in the same order. */
export async function loadAccountViews(
  deps: ViewDeps,
  accounts: readonly AccountRecord[],
): Promise<AccountView[]> {
  const views = await viewsWithoutMoves(deps, accounts);
  const movedIds = [
    ...new Set(accounts.map((a) => a.movedToAccountId).filter((id): id is string => id !== null)),
  ];
  if (movedIds.length === 0) return views;
  const targets = await viewsWithoutMoves(deps, await findAccountsByIds(deps.db, movedIds));
  const byId = new Map(targets.map((v) => [v.account.id, v]));
  return views.map((v) => ({
    ...v,
    movedTo: v.account.movedToAccountId ? (byId.get(v.account.movedToAccountId) ?? null) : null,
  }));
}

export async function loadAccountView(
  deps: ViewDeps,
  account: AccountRecord,
): Promise<AccountView> {
  return (await loadAccountViews(deps, [account]))[0]!;
}
