/**
 * Who opens a stream. The token comes, as Mastodon's streaming server takes it, from the
 * `Authorization: Bearer` header, the `Sec-WebSocket-Protocol` header (browsers cannot set
 * headers on a WebSocket, so clients pass the token as the subprotocol) or the `access_token`
 * parameter. Only tokens with a usable user stream: an app-only token, a revoked or expired
 * one, or a disabled user's is refused, with Mastodon's 401 messages.
 */
import type { AccountRecord } from '../db/repositories/accounts.ts';
import type { Deps } from '../domain/context.ts';
import { inspectToken, userAccessProblem } from '../domain/oauth/authenticate.ts';
import { scopesAllow } from '../domain/oauth/scopes.ts';
import { ChannelError, isPublicStream, scopesFor, type StreamName } from './channels.ts';

export interface StreamViewer {
  account: AccountRecord;
  scopes: readonly string[];
  tokenId: string;
  /** The user's chosen languages (public streams show only those); null for all. */
  languages: readonly string[] | null;
}

export interface TokenSources {
  authorization?: string | null;
  protocol?: string | null;
  query?: string | null;
}

export function streamToken(sources: TokenSources): string | null {
  const bearer = sources.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const protocol = sources.protocol?.split(',')[0]?.trim();
  if (protocol) return protocol;
  return sources.query && sources.query.length > 0 ? sources.query : null;
}

/** The viewer behind `token`, or a 401 ChannelError. */
export async function streamViewer(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string | null,
): Promise<StreamViewer> {
  if (!token) throw new ChannelError(401, 'Missing access token');
  const { auth } = await inspectToken(deps, token);
  if (!auth || userAccessProblem(auth) !== null || !auth.account) {
    throw new ChannelError(401, 'Invalid access token');
  }
  return {
    account: auth.account,
    scopes: auth.token.scopes,
    tokenId: auth.token.id,
    languages: auth.user?.chosenLanguages ?? null,
  };
}

/**
 * Checks that `viewer` may read stream `name`: a signed-out reader only the public streams,
 * a token only the streams its scopes cover.
 */
export function checkStreamAccess(viewer: StreamViewer | null, name: StreamName): void {
  if (!viewer) {
    if (!isPublicStream(name)) throw new ChannelError(401, 'Missing access token');
    return;
  }
  if (!scopesAllow(viewer.scopes, scopesFor(name))) {
    throw new ChannelError(401, 'Access token does not have the required scopes');
  }
}
