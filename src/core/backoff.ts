/**
 * How long a failed job waits before its next attempt. Sidekiq's formula, which Mastodon
 * keeps for most workers: 25 attempts spread over about three weeks, so a remote server
 * that is down for a weekend still gets its activities.
 */

/**
 * Sidekiq's `(count ** 4) + 15 + rand(10) * (count + 1)` seconds, where `count` is the number
 * of retries already made (0 after the first failure).
 *
 * @example retryDelayMs(1) // between 15 and 24 seconds
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const count = Math.max(0, attempts - 1);
  return (count ** 4 + 15 + Math.floor(random() * 10) * (count + 1)) * 1000;
}

/**
 * Mastodon's delivery backoff (ActivityPub::DeliveryWorker): steeper than Sidekiq's, with
 * more jitter so that a server coming back up is not hit by every retry at once.
 */
export function deliveryRetryDelayMs(attempts: number, random: () => number = Math.random): number {
  const count = Math.max(0, attempts - 1);
  return (15 + 10 * count ** 4 + Math.floor(random() * 10 * count ** 4)) * 1000;
}
