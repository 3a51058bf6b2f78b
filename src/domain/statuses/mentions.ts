/**
 * Who a post mentions (Mastodon's ProcessMentionsService, without fetching remote accounts):
 * `@user` and `@user@this-domain` name local accounts, `@user@other.domain` an account this
 * server already knows. Unknown and suspended accounts, and accounts the author blocks, are
 * not mentioned; their text stays text.
 */
import { placeholders } from '../../db/database.ts';
import { accountFromRow, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import type { MentionTarget } from './text/entity-html.ts';
import { extractMentions } from './text/extract.ts';

const handleKey = (username: string, domain: string | null) =>
  `${username.toLowerCase()}@${(domain ?? '').toLowerCase()}`;

export interface ResolvedMentions {
  /** The mentioned accounts, each once, in the order of the text. */
  accounts: AccountRecord[];
  /** Each mention as typed (without `@`) and the account it links to, for rendering. */
  targets: Map<string, MentionTarget>;
}

/** The accounts `text` mentions, as `authorId` may mention them. */
export async function resolveMentions(
  deps: Pick<Deps, 'db' | 'config'>,
  authorId: string,
  text: string,
): Promise<ResolvedMentions> {
  const local = new Set(
    [deps.config.localDomain, deps.config.webDomain].map((d) => d.toLowerCase()),
  );
  const handles = extractMentions(text).map((m) => ({
    acct: m.acct,
    username: m.username,
    domain: m.domain === null || local.has(m.domain.toLowerCase()) ? null : m.domain,
  }));
  const found = new Map<string, AccountRecord>();
  if (handles.length > 0) {
    const locals = [
      ...new Set(handles.filter((h) => h.domain === null).map((h) => h.username.toLowerCase())),
    ];
    const remotes = [
      ...new Map(
        handles
          .filter((h) => h.domain !== null)
          .map((h) => [handleKey(h.username, h.domain), h] as const),
      ).values(),
    ];
    const conditions: string[] = [];
    const params: string[] = [];
    if (locals.length > 0) {
      conditions.push(`(domain IS NULL AND lower(username) IN (${placeholders(locals.length)}))`);
      params.push(...locals);
    }
    for (const h of remotes) {
      conditions.push('(lower(username) = ? AND lower(domain) = ?)');
      params.push(h.username.toLowerCase(), h.domain!.toLowerCase());
    }
    const rows = await deps.db.all(
      `SELECT * FROM accounts WHERE suspended_at IS NULL AND (${conditions.join(' OR ')})
         AND id NOT IN (SELECT target_account_id FROM blocks WHERE account_id = ?)
         AND COALESCE(lower(domain), '') NOT IN
           (SELECT lower(domain) FROM account_domain_blocks WHERE account_id = ?)`,
      [...params, authorId, authorId],
    );
    for (const row of rows) {
      const account = accountFromRow(row);
      found.set(handleKey(account.username, account.domain), account);
    }
  }
  const accounts: AccountRecord[] = [];
  const targets = new Map<string, MentionTarget>();
  for (const h of handles) {
    const account = found.get(handleKey(h.username, h.domain));
    if (!account) continue;
    if (!accounts.some((a) => a.id === account.id)) accounts.push(account);
    targets.set(h.acct, {
      url: account.url ?? `${deps.config.baseUrl}/@${account.username}`,
      username: account.username,
      acct: account.domain === null ? account.username : `${account.username}@${account.domain}`,
    });
  }
  return { accounts, targets };
}
