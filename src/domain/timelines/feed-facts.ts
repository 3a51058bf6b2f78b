/**
 * Loads the FeedFacts the feed rules ask, in two shapes, each in a fixed number of queries:
 *
 * - around one post (fan-out): who, among everyone, blocks, mutes or is blocked by the
 *   accounts the post involves, follows its addressee, hides its author's boosts...;
 * - around one receiver (building or backfilling a feed): all of that receiver's follows,
 *   blocks, mutes, domain blocks, blockers and exclusive lists.
 */
import type { Queryable, SqlValue } from '../../db/database.ts';
import { placeholders } from '../../db/database.ts';
import type { FeedCandidate, FeedFacts } from './feed-rules.ts';

const pair = (a: string, b: string) => `${a}:${b}`;

/** FeedFacts held as sets of (receiver, account) pairs. */
class PairFacts implements FeedFacts {
  following = new Set<string>();
  blocking = new Set<string>();
  muting = new Set<string>();
  blockers = new Set<string>();
  domainBlocks = new Set<string>();
  hidingReblogs = new Set<string>();
  chosenLanguages = new Map<string, string[]>();
  exclusive = new Set<string>();

  follows = (r: string, a: string) => this.following.has(pair(r, a));
  blocks = (r: string, a: string) => this.blocking.has(pair(r, a));
  mutes = (r: string, a: string) => this.muting.has(pair(r, a));
  blockedBy = (r: string, a: string) => this.blockers.has(pair(r, a));
  blocksDomain = (r: string, d: string) => this.domainBlocks.has(pair(r, d.toLowerCase()));
  hidesReblogs = (r: string, a: string) => this.hidingReblogs.has(pair(r, a));
  languages = (r: string, a: string) => this.chosenLanguages.get(pair(r, a)) ?? null;
  inExclusiveList = (r: string, a: string) => this.exclusive.has(pair(r, a));
}

type IdRow = Record<string, string | number>;
const s = (v: unknown) => String(v);

/** A follow as fan-out reads it: the follower and its options for the followed author. */
export interface FollowerRow {
  accountId: string;
  showReblogs: boolean;
  languages: string[] | null;
}

/**
 * Facts about every receiver with respect to one post, in one query. `followers` are the
 * author's followers (their options decide boosts and languages).
 */
export async function factsAroundPost(
  db: Queryable,
  c: FeedCandidate,
  followers: readonly FollowerRow[],
  now: number,
): Promise<FeedFacts> {
  const facts = new PairFacts();
  const author = c.status.accountId;
  for (const f of followers) {
    facts.following.add(pair(f.accountId, author));
    if (!f.showReblogs) facts.hidingReblogs.add(pair(f.accountId, author));
    if (f.languages) facts.chosenLanguages.set(pair(f.accountId, author), f.languages);
  }
  const involved = [
    ...new Set([...c.mentionedIds, author, ...(c.reblog ? [c.reblog.accountId] : [])]),
  ];
  const marks = placeholders(involved.length);
  const addressee = c.status.inReplyToAccountId;
  const booster = c.reblog?.accountId ?? null;
  // Each branch names its fact: `a` is the account the fact is about (blocker, muter, follower
  // of the addressee, owner of an exclusive list...), `b` the other one where there is one.
  const branches = [
    `SELECT 'block' AS fact, account_id AS a, target_account_id AS b FROM blocks
      WHERE target_account_id IN (${marks})`,
    `SELECT 'mute', account_id, target_account_id FROM mutes WHERE target_account_id IN (${marks})
       AND (expires_at IS NULL OR expires_at > ?)`,
    `SELECT 'blocker', account_id, target_account_id FROM blocks
      WHERE account_id IN (${placeholders(booster ? 2 : 1)})`,
    `SELECT 'exclusive', l.account_id, NULL FROM list_accounts la JOIN lists l ON l.id = la.list_id
      WHERE la.account_id = ? AND l.exclusive = TRUE`,
  ];
  const params: SqlValue[] = [
    ...involved,
    ...involved,
    Math.trunc(now),
    ...(booster ? [author, booster] : [author]),
    author,
  ];
  if (addressee !== null) {
    branches.push("SELECT 'follow', account_id, NULL FROM follows WHERE target_account_id = ?");
    params.push(addressee);
  }
  const domain = c.reblogAuthorDomain?.toLowerCase() ?? null;
  if (domain !== null) {
    branches.push("SELECT 'domain', account_id, NULL FROM account_domain_blocks WHERE domain = ?");
    params.push(domain);
  }
  const rows = await db.all<{ fact: string; a: string | number; b: string | number | null }>(
    branches.join(' UNION ALL '),
    params,
  );
  for (const r of rows) {
    const a = s(r.a);
    if (r.fact === 'block') facts.blocking.add(pair(a, s(r.b)));
    else if (r.fact === 'mute') facts.muting.add(pair(a, s(r.b)));
    else if (r.fact === 'blocker') facts.blockers.add(pair(s(r.b), a));
    else if (r.fact === 'exclusive') facts.exclusive.add(pair(a, author));
    else if (r.fact === 'follow') facts.following.add(pair(a, addressee!));
    else if (r.fact === 'domain') facts.domainBlocks.add(pair(a, domain!));
  }
  return facts;
}

/** Everything about one receiver's relationships that the feed rules may ask. */
export async function factsOfReceiver(
  db: Queryable,
  receiverId: string,
  now: number,
): Promise<FeedFacts> {
  const facts = new PairFacts();
  const r = receiverId;
  const [follows, blocks, mutes, blockers, domains, exclusive] = await Promise.all([
    db.all<IdRow & { show_reblogs: unknown; languages: unknown }>(
      'SELECT target_account_id, show_reblogs, languages FROM follows WHERE account_id = ?',
      [r],
    ),
    db.all<IdRow>('SELECT target_account_id FROM blocks WHERE account_id = ?', [r]),
    db.all<IdRow>(
      `SELECT target_account_id FROM mutes WHERE account_id = ?
         AND (expires_at IS NULL OR expires_at > ?)`,
      [r, Math.trunc(now)],
    ),
    db.all<IdRow>('SELECT account_id FROM blocks WHERE target_account_id = ?', [r]),
    db.all<IdRow>('SELECT domain FROM account_domain_blocks WHERE account_id = ?', [r]),
    db.all<IdRow>(
      `SELECT la.account_id FROM list_accounts la JOIN lists l ON l.id = la.list_id
        WHERE l.account_id = ? AND l.exclusive = TRUE`,
      [r],
    ),
  ]);
  for (const f of follows) {
    const key = pair(r, s(f.target_account_id));
    facts.following.add(key);
    if (!f.show_reblogs) facts.hidingReblogs.add(key);
    if (f.languages) facts.chosenLanguages.set(key, JSON.parse(String(f.languages)) as string[]);
  }
  for (const b of blocks) facts.blocking.add(pair(r, s(b.target_account_id)));
  for (const m of mutes) facts.muting.add(pair(r, s(m.target_account_id)));
  for (const b of blockers) facts.blockers.add(pair(r, s(b.account_id)));
  for (const d of domains) facts.domainBlocks.add(pair(r, s(d.domain).toLowerCase()));
  for (const e of exclusive) facts.exclusive.add(pair(r, s(e.account_id)));
  return facts;
}
