/**
 * MuteService: hides an account's posts (and by default its notifications) from the muter,
 * for ever or for `durationSeconds`. Muting again replaces the options and restarts the
 * duration from now. Muting oneself changes nothing.
 *
 * A mute with a duration counts as gone from the moment it ends, everywhere it is read; the
 * `mute.expire` job, due at that moment, then deletes the row (Mastodon's DeleteMuteWorker).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteMuteIfEnded, upsertMute } from '../../db/repositories/mutes.ts';
import type { Deps } from '../context.ts';

export interface MuteInput {
  /** Also hide the account's notifications (default true). */
  notifications?: boolean;
  /** How long the mute lasts, in seconds; 0 for ever. */
  durationSeconds?: number;
}

export const expireMuteJob = 'mute.expire';

export interface ExpireMutePayload {
  accountId: string;
  targetAccountId: string;
}

export async function muteAccount(
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
  input: MuteInput = {},
): Promise<void> {
  if (source.id === target.id) return;
  const now = deps.clock.now();
  const duration = input.durationSeconds ?? 0;
  const expiresAt = duration === 0 ? null : now + duration * 1000;
  await upsertMute(deps.db, {
    id: deps.ids.next(),
    accountId: source.id,
    targetAccountId: target.id,
    hideNotifications: input.notifications ?? true,
    expiresAt,
    createdAt: now,
  });
  if (expiresAt !== null) {
    const payload: ExpireMutePayload = { accountId: source.id, targetAccountId: target.id };
    await deps.queue.enqueue('default', expireMuteJob, payload, {
      delayMs: Math.max(0, expiresAt - now),
    });
  }
}

/**
 * The `mute.expire` job: deletes the mute if it has ended by now. A mute renewed since the
 * job was enqueued has a later end (or none) and stays.
 */
export async function expireMute(
  deps: Pick<Deps, 'db' | 'clock'>,
  payload: ExpireMutePayload,
): Promise<void> {
  await deleteMuteIfEnded(deps.db, payload.accountId, payload.targetAccountId, deps.clock.now());
}
