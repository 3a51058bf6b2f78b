/**
 * Finding an account for someone else to see (`GET /api/v1/accounts/:id`, `/lookup`): a local
 * account whose owner has not confirmed their address or is still waiting for approval does
 * not exist yet for anyone else (Mastodon's `check_account_confirmation` / `_approval`).
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import {
  findAccountById,
  findAccountByUsername,
  type AccountRecord,
} from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { loadAccountView, type AccountView } from './account-views.ts';

function shownToOthers(view: AccountView): boolean {
  if (view.account.domain !== null) return true;
  return view.user !== null && view.user.confirmedAt !== null && view.user.approved;
}

async function visible(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord | null,
): Promise<AccountView> {
  if (!account) throw notFound();
  const view = await loadAccountView(deps, account);
  if (!shownToOthers(view)) throw notFound();
  return view;
}

/** The account with this id, or Mastodon's 404 `Record not found` (also for a malformed id). */
export async function findVisibleAccount(deps: Pick<Deps, 'db'>, id: string): Promise<AccountView> {
  return visible(deps, isId(id) ? await findAccountById(deps.db, id) : null);
}

/**
 * The account an address names, among the accounts Woolly already knows (no WebFinger):
 * `alice`, `@alice`, `alice@this.domain` or `bob@other.example`.
 */
export async function lookupAccount(
  deps: Pick<Deps, 'db' | 'config'>,
  acct: string,
): Promise<AccountView> {
  const [username = '', domain = null] = acct
    .trim()
    .replace(/^acct:/i, '')
    .replace(/^@/, '')
    .split('@', 2);
  if (username === '') throw notFound();
  const local =
    domain === null ||
    [deps.config.localDomain, deps.config.webDomain].includes(domain.toLowerCase());
  return visible(deps, await findAccountByUsername(deps.db, username, local ? null : domain));
}
