/**
 * The public lists of an account's profile: GET /api/v1/accounts/:id/followers, /following
 * and /endorsements. Anyone may read them (a token, if sent, needs `read:accounts`).
 *
 * As Mastodon: a suspended account lists nobody; an account that hides its network
 * (`hide_collections`) shows its followers and follows only to itself; a signed-in viewer does
 * not see the accounts they block, are blocked by or mute. Pages go by the follow's id, which
 * is what the `Link` header carries.
 */
import { Hono, type Context } from 'hono';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import type { Page } from '../../../domain/pagination.ts';
import {
  endorsementsPage,
  followersPage,
  followingPage,
  type AccountListRow,
  type Exclusions,
} from '../../../domain/relationships/account-lists.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readPage, setLinkHeader } from '../pagination.ts';

export const accountsPageLimits = { defaultLimit: 40, maxLimit: 80 };

type Lister = (c: Context<AppEnv>, account: AccountRecord, page: Page) => Promise<AccountListRow[]>;

/** Reads a page of accounts and answers it with its `Link` header. */
export async function answerAccountPage(
  c: Context<AppEnv>,
  page: Page,
  rows: readonly AccountListRow[],
): Promise<Response> {
  setLinkHeader(
    c,
    page,
    rows.map((r) => r.pageId),
    // Mastodon's account lists point back with since_id, not min_id.
    { prev: 'since_id' },
  );
  return c.json(
    await accountsJsonByIds(
      c.var.deps,
      rows.map((r) => r.accountId),
    ),
  );
}

function network(list: typeof followersPage): Lister {
  return async (c, account, page) => {
    const viewer = c.var.auth?.account ?? null;
    const own = viewer !== null && viewer.id === account.id;
    if (account.hideCollections && !own) return [];
    const exclusions: Exclusions | null =
      viewer && !own ? { viewerId: viewer.id, now: c.var.deps.clock.now() } : null;
    return list(c.var.deps.db, account.id, page, exclusions);
  };
}

const lists: Record<string, Lister> = {
  followers: network(followersPage),
  following: network(followingPage),
  endorsements: (c, account, page) => endorsementsPage(c.var.deps.db, account.id, page),
};

export function accountListsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const [name, list] of Object.entries(lists)) {
    routes.get(
      `/api/v1/accounts/:id/${name}`,
      scopesIfToken('read', 'read:accounts'),
      async (c) => {
        const account = (await findVisibleAccount(c.var.deps, c.req.param('id'))).account;
        const page = readPage(c, accountsPageLimits);
        const rows = account.suspendedAt !== null ? [] : await list(c, account, page);
        return answerAccountPage(c, page, rows);
      },
    );
  }
  return routes;
}
