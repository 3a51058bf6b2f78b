/**
 * Who may fetch what (authorized fetch). Public and unlisted posts, actors and collections
 * are served to anyone, unless the instance runs in Mastodon's secure mode
 * (AUTHORIZED_FETCH=true), where every request must be signed, except for the instance
 * actor (other servers need its key to check our own signed requests), WebFinger and
 * NodeInfo. Followers-only posts are served only to requests signed by a follower of the
 * author or an account the post mentions; direct posts only to the accounts they mention.
 * Nothing is served to an account the author blocks.
 *
 * The signer's key is fetched with a request signed by the instance actor, so that servers
 * in secure mode answer it.
 */
import type { RequestContext } from '@fedify/fedify';
import { findAccountByUri, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { instanceActorIdentifier } from './instance-actor.ts';

interface Signer {
  /** Whether the request carries a valid signature at all. */
  signed: boolean;
  /** The account the signing key belongs to, when Woolly knows it. */
  account: AccountRecord | null;
}

/** The verified signer of this request (memoised per request by Fedify). */
export async function requestSigner(ctx: RequestContext<Deps>): Promise<Signer> {
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const key = await ctx.getSignedKey({ documentLoader }).catch((error: unknown) => {
    ctx.data.log.info('could not verify a fetch signature', { error });
    return null;
  });
  if (!key) return { signed: false, account: null };
  const owner = key.ownerId?.href;
  return { signed: true, account: owner ? await findAccountByUri(ctx.data.db, owner) : null };
}

/** Actors and collections: anyone, or in secure mode signed requests (and the instance actor). */
export async function mayFetchPublic(
  ctx: RequestContext<Deps>,
  identifier: string,
): Promise<boolean> {
  if (!ctx.data.config.authorizedFetch || identifier === instanceActorIdentifier) return true;
  return (await requestSigner(ctx)).signed;
}

async function blocks(deps: Deps, author: AccountRecord, signer: AccountRecord) {
  const row = await deps.db.get(
    `SELECT 1 AS found FROM blocks WHERE account_id = ? AND target_account_id = ?
     UNION ALL
     SELECT 1 AS found FROM account_domain_blocks WHERE account_id = ? AND domain = ?`,
    [author.id, signer.id, author.id, (signer.domain ?? '').toLowerCase()],
  );
  return row !== undefined;
}

async function follows(deps: Deps, follower: AccountRecord, author: AccountRecord) {
  const row = await deps.db.get(
    'SELECT 1 AS found FROM follows WHERE account_id = ? AND target_account_id = ?',
    [follower.id, author.id],
  );
  return row !== undefined;
}

async function mentions(deps: Deps, status: StatusRecord, account: AccountRecord) {
  const row = await deps.db.get(
    'SELECT 1 AS found FROM mentions WHERE status_id = ? AND account_id = ?',
    [status.id, account.id],
  );
  return row !== undefined;
}

/** May this request see `status` by `author` (Mastodon's StatusPolicy#show? for a signer)? */
export async function mayFetchStatus(
  ctx: RequestContext<Deps>,
  status: StatusRecord,
  author: AccountRecord,
): Promise<boolean> {
  const open = status.visibility === 'public' || status.visibility === 'unlisted';
  if (open && !ctx.data.config.authorizedFetch) return true;
  const signer = await requestSigner(ctx);
  if (!signer.signed) return false;
  const account = signer.account;
  if (account && (await blocks(ctx.data, author, account))) return false;
  if (open) return true;
  if (!account) return false;
  if (await mentions(ctx.data, status, account)) return true;
  return status.visibility === 'private' && (await follows(ctx.data, account, author));
}
