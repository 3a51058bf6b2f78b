/**
 * Handing an activity to Fedify for delivery. Fedify signs it with the sender's key and
 * queues one delivery per inbox (shared inboxes preferred) on the `push` queue. This runs in
 * the event's outbox job (durable.ts), never in the request of the local action: a failure
 * to queue fails that job, which is retried.
 */
import type { Context } from '@fedify/fedify';
import {
  Announce,
  Create,
  Delete,
  EmojiReact,
  Undo,
  Update,
  type Activity,
  type Recipient,
} from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';

/** A remote account as Fedify addresses it. */
export function recipientOf(account: AccountRecord): Recipient | null {
  if (account.domain === null || !account.inboxUrl) return null;
  return {
    id: new URL(account.uri),
    inboxId: new URL(account.inboxUrl),
    endpoints: account.sharedInboxUrl ? { sharedInbox: new URL(account.sharedInboxUrl) } : null,
  };
}

/**
 * What keeps the activities about one object in order at each server (Fedify adds the
 * inbox's origin to the key): a post's Create, Updates and Delete by the post's id, a boost
 * or an emoji reaction and its Undo by its id. Other activities go out unordered, in parallel.
 */
export function orderingKeyOf(activity: Activity): string | undefined {
  // A boost or a reaction, and its Undo (keyed by the object it undoes), in order.
  if (activity instanceof Announce || activity instanceof EmojiReact) return activity.id?.href;
  const aboutObject =
    activity instanceof Create ||
    activity instanceof Update ||
    activity instanceof Delete ||
    activity instanceof Undo;
  return aboutObject ? activity.objectId?.href : undefined;
}

export async function deliver(
  ctx: Context<Deps>,
  sender: AccountRecord,
  to: readonly (AccountRecord | null)[],
  activity: Activity,
  /** Inboxes beyond the accounts (relays), in the same fan-out. */
  extra: readonly Recipient[] = [],
): Promise<void> {
  const seen = new Set<string>();
  const recipients: Recipient[] = [...extra];
  for (const account of to) {
    const recipient = account ? recipientOf(account) : null;
    if (!recipient || seen.has(account!.id)) continue;
    // Nothing goes to a server the instance suspended.
    if (await isDomainSuspended(ctx.data, account!.domain)) continue;
    seen.add(account!.id);
    recipients.push(recipient);
  }
  if (recipients.length === 0 || sender.domain !== null) return;
  await ctx.sendActivity({ identifier: sender.username }, recipients, activity, {
    preferSharedInbox: true,
    orderingKey: orderingKeyOf(activity),
  });
}
