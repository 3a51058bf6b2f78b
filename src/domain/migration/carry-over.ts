/**
 * What else follows an account to its new home (Mastodon's MoveWorker): each local account's
 * private note on the old account is copied to the new one (after a line saying where it
 * comes from, and before any note already there); each local account that blocked or muted
 * the old account blocks or mutes the new one (a mute keeps its notification setting and
 * what is left of its duration), unless it already does or follows the new account; it
 * finds a private note on the new account saying why, unless it keeps one there already.
 */
import { accountFromRow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { upsertAccountNote } from '../../db/repositories/account-notes.ts';
import type { Deps } from '../context.ts';
import { noteMaxLength } from '../relationships/note.ts';
import { blockAccount } from '../relationships/block.ts';
import { muteAccount } from '../relationships/mute.ts';

const acct = (account: AccountRecord) =>
  account.domain === null ? account.username : `${account.username}@${account.domain}`;

/**
 * Local accounts (not the new one) holding a `table` row against `origin` and none against
 * `target`, who do not follow `target`: the ones whose block or mute carries over.
 */
const carried = (table: 'blocks' | 'mutes') => `
  FROM ${table} r JOIN accounts ON accounts.id = r.account_id
 WHERE r.target_account_id = ? AND accounts.domain IS NULL AND accounts.id <> ?
   AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.account_id = r.account_id AND t.target_account_id = ?)
   AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.account_id = r.account_id AND f.target_account_id = ?)`;

async function blockers(deps: Pick<Deps, 'db'>, origin: AccountRecord, target: AccountRecord) {
  const rows = await deps.db.all(`SELECT accounts.* ${carried('blocks')}`, [
    origin.id,
    target.id,
    target.id,
    target.id,
  ]);
  return rows.map(accountFromRow);
}

/** The muters, with their mute's notification setting and end; ended mutes do not count. */
async function muters(
  deps: Pick<Deps, 'db'>,
  origin: AccountRecord,
  target: AccountRecord,
  now: number,
) {
  const rows = await deps.db.all(
    `SELECT accounts.*, r.hide_notifications AS mute_hides, r.expires_at AS mute_ends
     ${carried('mutes')} AND (r.expires_at IS NULL OR r.expires_at > ?)`,
    [origin.id, target.id, target.id, target.id, now],
  );
  return rows.map((row) => ({
    account: accountFromRow(row),
    notifications: Boolean(row.mute_hides),
    endsAt: row.mute_ends === null ? null : Number(row.mute_ends),
  }));
}

/** A note on the new account, unless the person already keeps one there. */
async function noteIfNone(
  deps: Pick<Deps, 'db'>,
  holder: string,
  target: string,
  text: string,
  now: number,
) {
  await deps.db.run(
    `INSERT INTO account_notes (account_id, target_account_id, comment, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, target_account_id) DO NOTHING`,
    [holder, target, text, now],
  );
}

/**
 * Copies each local account's note on `origin` to `target`, headed by where it comes from;
 * a note already on `target` follows it. A copy made before (the same move run again) is
 * not made twice; one that would pass the notes' length limit is the old note alone, or
 * not made when a note is already there.
 */
async function copyNotes(
  deps: Pick<Deps, 'db'>,
  origin: AccountRecord,
  target: AccountRecord,
  now: number,
): Promise<number> {
  const rows = await deps.db.all<{
    account_id: string | number;
    comment: string;
    existing: string | null;
  }>(
    `SELECT n.account_id, n.comment, t.comment AS existing
       FROM account_notes n
       LEFT JOIN account_notes t ON t.account_id = n.account_id AND t.target_account_id = ?
      WHERE n.target_account_id = ? AND n.account_id <> ? AND n.comment <> ''`,
    [target.id, origin.id, target.id],
  );
  const heading = `This user moved from ${acct(origin)}. Your note about them there:`;
  let copied = 0;
  for (const row of rows) {
    const existing = row.existing ?? '';
    if (existing.includes(heading)) continue;
    const comment = [heading, row.comment, ...(existing === '' ? [] : ['', existing])].join('\n');
    // Too long with the heading: the note alone, when there is none to keep (as Mastodon).
    const fitting =
      comment.length <= noteMaxLength ? comment : existing === '' ? row.comment : null;
    if (fitting === null) continue;
    await upsertAccountNote(deps.db, String(row.account_id), target.id, fitting, now);
    copied += 1;
  }
  return copied;
}

/**
 * Carries the local notes, blocks and mutes of `origin` over to `target`; returns how many.
 * The notes go first, so that a copied note is not followed by one saying why.
 */
export async function carryBlocksAndMutes(
  deps: Deps,
  origin: AccountRecord,
  target: AccountRecord,
): Promise<{ notes: number; blocks: number; mutes: number }> {
  const now = deps.clock.now();
  const done = { notes: await copyNotes(deps, origin, target, now), blocks: 0, mutes: 0 };
  // Why the new account is blocked or muted, on a note for the one who did it.
  const sayMoved = (accountId: string, had: 'blocked' | 'muted') =>
    noteIfNone(
      deps,
      accountId,
      target.id,
      `This user moved from ${acct(origin)}, which you had ${had}.`,
      now,
    );
  for (const account of await blockers(deps, origin, target)) {
    await blockAccount(deps, account, target);
    await sayMoved(account.id, 'blocked');
    done.blocks += 1;
  }
  for (const { account, notifications, endsAt } of await muters(deps, origin, target, now)) {
    // What is left of a mute with a duration carries over; a mute for ever stays for ever.
    const left = endsAt === null ? 0 : Math.max(1, Math.ceil((endsAt - now) / 1000));
    await muteAccount(deps, account, target, { notifications, durationSeconds: left });
    await sayMoved(account.id, 'muted');
    done.mutes += 1;
  }
  return done;
}
