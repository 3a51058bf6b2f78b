/**
 * Streams end when their token does: every `everyMs` the tokens of the open streams are
 * checked in one query, and the streams of revoked or expired ones are closed, as Mastodon's
 * streaming server closes them when a token is revoked. A revoked app stops hearing within
 * one period, without the OAuth code having to know about streams.
 */
import { liveTokenIds } from '../db/views/streaming.ts';
import type { Deps } from '../domain/context.ts';
import type { StreamingHub } from './hub.ts';

/** Checks once; returns how many streams were closed. */
export async function closeRevokedStreams(
  deps: Pick<Deps, 'db' | 'clock'>,
  hub: StreamingHub,
): Promise<number> {
  const clients = hub.clients().filter((c) => c.tokenId !== null);
  if (clients.length === 0) return 0;
  const live = await liveTokenIds(
    deps.db,
    [...new Set(clients.map((c) => c.tokenId!))],
    deps.clock.now(),
  );
  let closed = 0;
  for (const client of clients) {
    if (live.has(client.tokenId!)) continue;
    hub.remove(client);
    client.close();
    closed += 1;
  }
  return closed;
}

export function checkTokensEvery(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  hub: StreamingHub,
  everyMs: number,
): () => void {
  const timer = setInterval(() => {
    closeRevokedStreams(deps, hub).catch((error: unknown) =>
      deps.log.error('streaming: token check failed', { error }),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
