/**
 * The shape of `woolly.refreshRemoteAccounts`, apart from refresh.ts so that app.ts names it
 * without loading Fedify.
 */
import type { AccountRecord } from '../db/repositories/accounts.ts';

export type RefreshOutcome = 'refreshed' | 'unreachable' | 'skipped';

/** Which remote accounts `woolly accounts refresh` goes through. */
export type RefreshSelection = { acct: string } | { domain: string } | { all: true };

export type RefreshProgress = (
  done: number,
  total: number,
  account: AccountRecord,
  outcome: RefreshOutcome,
) => void;

export type RefreshRemoteAccounts = (
  selection: RefreshSelection,
  progress: RefreshProgress,
) => Promise<Record<RefreshOutcome, number>>;
