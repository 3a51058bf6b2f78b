/**
 * Posting's own limits, Mastodon's numbers, beyond those the instance entity advertises
 * (which are in instance/limits.ts: attachments, poll options and durations).
 */

/** ScheduledStatus: how far ahead a post must be scheduled, and how many may wait. */
export const minScheduleOffsetMs = 5 * 60_000;
export const maxScheduledPerDay = 25;
export const maxScheduledTotal = 300;

/** How long an `Idempotency-Key` answers with the first result (Mastodon keeps it an hour). */
export const idempotencyTtlMs = 60 * 60_000;

/** GET /api/v1/statuses?id[]= takes at most this many ids. */
export const maxStatusesPerLookup = 20;

/**
 * How much of a thread GET /statuses/:id/context shows: everything (up to 4,096 each way)
 * to a signed-in viewer, less to anonymous ones, for whom it is expensive and cached.
 */
export const contextLimits = {
  signedIn: { ancestors: 4096, descendants: 4096, depth: null },
  anonymous: { ancestors: 40, descendants: 60, depth: 20 },
} as const;
