/** UnmuteService: lifts a mute; unmuting someone not muted changes nothing. */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteMute } from '../../db/repositories/mutes.ts';
import type { Deps } from '../context.ts';

export async function unmuteAccount(
  deps: Pick<Deps, 'db'>,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  await deleteMute(deps.db, source.id, target.id);
}
