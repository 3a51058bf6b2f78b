/**
 * Account migration (Mastodon's MoveService and the Move it receives). An account moves to
 * another that names it among its aliases (`alsoKnownAs`): the old one is marked moved
 * (`moved` in the API, no new follows), the local followers follow the new one (with the
 * lists they had it in), and local blocks and mutes of it carry over (carry-over.ts).
 *
 * A local account moving emits `account.moved`, which federation sends as Move to its
 * followers; a remote one moving was announced by its server, and is checked the same way.
 */
import { unprocessable } from '../../core/errors.ts';
import { updateAccount, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { carryBlocksAndMutes } from './carry-over.ts';
import { moveLocalFollowers } from './move-followers.ts';

/** Mastodon's own check: the target must alias the origin, and not be the origin or moved. */
function checkMove(origin: AccountRecord, target: AccountRecord): void {
  if (target.id === origin.id) {
    throw unprocessable('Validation failed: Target account cannot be the account itself');
  }
  if (!target.alsoKnownAs.includes(origin.uri)) {
    throw unprocessable('Validation failed: Target account must have an alias to this account');
  }
  if (target.movedToAccountId !== null) {
    throw unprocessable('Validation failed: Target account has itself moved');
  }
}

/** Marks `origin` moved; a local one's Move is recorded with it. */
async function markMoved(deps: Deps, origin: AccountRecord, target: AccountRecord) {
  await transactionWithEvents(deps, async (tx, emit) => {
    await updateAccount(tx, origin.id, {
      movedToAccountId: target.id,
      updatedAt: deps.clock.now(),
    });
    await emit('account.updated', { accountId: origin.id });
    if (origin.domain === null) {
      await emit('account.moved', { accountId: origin.id, targetAccountId: target.id });
    }
  });
}

/** A local account moves to `target` (any account that aliases it). */
export async function moveLocalAccount(
  deps: Deps,
  origin: AccountRecord,
  target: AccountRecord,
): Promise<AccountRecord> {
  if (origin.domain !== null) throw unprocessable('Only local accounts move from here');
  checkMove(origin, target);
  await markMoved(deps, origin, target);
  await moveLocalFollowers(deps, origin, target);
  await carryBlocksAndMutes(deps, origin, target);
  return { ...origin, movedToAccountId: target.id };
}

/**
 * A remote account's server says it moved: taken only when the target aliases it (read
 * fresh by the caller); a repeated Move changes nothing. Returns false when refused.
 */
export async function acceptRemoteMove(
  deps: Deps,
  origin: AccountRecord,
  target: AccountRecord,
): Promise<boolean> {
  if (origin.domain === null) return false;
  try {
    checkMove(origin, target);
  } catch {
    return false;
  }
  if (origin.movedToAccountId === target.id) return true;
  await markMoved(deps, origin, target);
  await moveLocalFollowers(deps, origin, target);
  await carryBlocksAndMutes(deps, origin, target);
  return true;
}
