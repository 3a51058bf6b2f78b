/**
 * GET /api/v1/directory: accounts that opted into discovery, for anyone to browse.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { directoryAccounts } from '../../db/views/directory.ts';
import type { Deps } from '../context.ts';

export interface DirectoryRequest {
  order: 'active' | 'new';
  localOnly: boolean;
  offset: number;
  limit: number;
}

export async function browseDirectory(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord | null,
  request: DirectoryRequest,
): Promise<AccountRecord[]> {
  return directoryAccounts(deps.db, {
    ...request,
    readerId: reader?.id ?? null,
    now: deps.clock.now(),
  });
}
