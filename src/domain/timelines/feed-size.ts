/**
 * How long the precomputed feeds are. Mastodon keeps 400 entries in Redis; Woolly keeps 800
 * in the database, which is cheap there and makes a deeper home timeline.
 */
export const maxFeedEntries = 800;

/** How many recent posts of a newly followed account (or list member) are merged in. */
export const backfillEntries = maxFeedEntries / 4;

/**
 * Trimming a feed reads its 800th entry; doing that for each of ten thousand followers of each
 * post would cost more than the fan-out itself. Each insertion trims instead with this
 * probability (1 in 16, by a hash of feed and post, so retries decide alike): a feed
 * overshoots its cap by a few dozen entries at most, and pages never read that far anyway.
 */
export const trimOneIn = 16;

/** FNV-1a of the two ids: whether inserting `statusId` into `feedId` trims that feed. */
export function trimsOnInsert(feedId: string, statusId: string): boolean {
  let h = 0x811c9dc5;
  const text = `${feedId}:${statusId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % trimOneIn === 0;
}
