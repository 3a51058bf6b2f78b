/**
 * RefreshRemoteMedia (`woolly media refresh`): fetches again the remote attachments of one
 * post, one account or every account of a domain, plus the avatars and headers of those
 * accounts. Without `force`, files already cached are left alone (only missing or evicted
 * ones are fetched); with it, everything is fetched anew.
 */
import type { Deps } from '../context.ts';
import { cacheRemoteMedia, type CacheOutcome } from './cache.ts';

export type RefreshScope = { statusId: string } | { accountId: string } | { domain: string };

export type RefreshTally = Record<CacheOutcome, number>;

export async function refreshRemoteMedia(
  deps: Deps,
  scope: RefreshScope,
  options: { force?: boolean; onProgress?: (tally: RefreshTally) => void } = {},
): Promise<RefreshTally> {
  const tally: RefreshTally = { cached: 0, 'already-cached': 0, gone: 0, failed: 0 };
  const run = async (kind: string, id: string) => {
    const outcome = await cacheRemoteMedia(deps, kind, id, { force: options.force }).catch(
      (error: unknown) => {
        deps.log.warn('remote media refresh failed', { kind, id, error });
        return 'failed' as const;
      },
    );
    tally[outcome] += 1;
    options.onProgress?.({ ...tally });
  };
  const [where, value] =
    'statusId' in scope
      ? ['m.status_id = ?', scope.statusId]
      : 'accountId' in scope
        ? ['m.account_id = ?', scope.accountId]
        : ['lower(a.domain) = ?', scope.domain.toLowerCase()];
  const media = await deps.db.all<{ id: unknown }>(
    `SELECT m.id FROM media_attachments m JOIN accounts a ON a.id = m.account_id
     WHERE ${where} AND m.remote_url <> '' ORDER BY m.id`,
    [value],
  );
  for (const row of media) await run('attachment', String(row.id));
  if ('statusId' in scope) return tally;
  const accounts = await deps.db.all<{ id: unknown }>(
    'accountId' in scope
      ? 'SELECT id FROM accounts WHERE id = ? AND domain IS NOT NULL'
      : 'SELECT id FROM accounts WHERE lower(domain) = ? ORDER BY id',
    [value],
  );
  for (const row of accounts) {
    await run('avatar', String(row.id));
    await run('header', String(row.id));
  }
  return tally;
}
