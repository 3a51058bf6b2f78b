/**
 * Blocking a whole domain for oneself (Mastodon's AccountDomainBlock): its posts and
 * notifications are hidden, nobody there can follow you any more, and your followers there
 * are removed, with their pending requests, in the same transaction as the block. Your own
 * follows of accounts there stay, as in Mastodon.
 *
 * The domain is normalized as Mastodon does (trimmed, a trailing `/` dropped, IDN to punycode,
 * lower case; Woolly also drops a trailing `.`, which names the same host) and must be a valid
 * host name; otherwise Mastodon's 422 and nothing is written.
 */
import { domainToASCII } from 'node:url';
import { unprocessable } from '../../core/errors.ts';
import { countFollow, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteAccountDomainBlock,
  insertAccountDomainBlock,
} from '../../db/repositories/account-domain-blocks.ts';
import { deleteFollowersOnDomain } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';

const label = /^[a-z0-9-]{1,63}$/;

/** The domain as stored and compared, or the 422 Mastodon answers for it. */
export function normalizeBlockedDomain(input: string | null | undefined): string {
  const trimmed = (input ?? '').trim();
  if (trimmed === '') throw unprocessable("Validation failed: Domain can't be blank");
  const ascii = domainToASCII(trimmed.replace(/\/$/, '').replace(/\.+$/, '')).toLowerCase();
  if (ascii === '' || ascii.length >= 256 || !ascii.split('.').every((l) => label.test(l))) {
    throw unprocessable('Validation failed: Domain is not a valid domain name');
  }
  return ascii;
}

export async function blockDomain(
  deps: Deps,
  account: AccountRecord,
  input: string,
): Promise<void> {
  const domain = normalizeBlockedDomain(input);
  await transactionWithEvents(deps, async (tx, emit) => {
    await insertAccountDomainBlock(tx, {
      id: deps.ids.next(),
      accountId: account.id,
      domain,
      createdAt: deps.clock.now(),
    });
    const followers = await deleteFollowersOnDomain(tx, 'follows', account.id, domain);
    for (const follow of followers) await countFollow(tx, follow.accountId, account.id, -1);
    const requests = await deleteFollowersOnDomain(tx, 'follow_requests', account.id, domain);
    for (const follow of followers) {
      await emit('follow.removed', { accountId: follow.accountId, targetAccountId: account.id });
    }
    for (const request of requests) {
      await emit('follow.rejected', { accountId: request.accountId, targetAccountId: account.id });
    }
  });
}

/** Lifts the block of a domain; a domain not blocked changes nothing. */
export async function unblockDomain(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  input: string,
): Promise<void> {
  await deleteAccountDomainBlock(deps.db, account.id, normalizeBlockedDomain(input));
}

/** The domains `accountId` blocks, newest block first, paged by the block's id. */
export async function blockedDomainsPage(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  page: Page,
): Promise<{ id: string; domain: string }[]> {
  const q = pageQuery(page, 'id');
  const rows = await deps.db.all<{ id: string | number; domain: string }>(
    `SELECT id, domain FROM account_domain_blocks
      WHERE ${['account_id = ?', ...q.where].join(' AND ')} ${q.orderLimit}`,
    [accountId, ...q.params],
  );
  return newestFirst(
    rows.map((r) => ({ id: String(r.id), domain: r.domain })),
    q.ascending,
  );
}
