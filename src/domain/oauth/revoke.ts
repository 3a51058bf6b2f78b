/**
 * Token revocation (RFC 7009), as Doorkeeper does it for Mastodon: the client authenticates,
 * an unknown or already revoked token is still a success (so the answer reveals nothing), and
 * a token issued to another app is refused with 403 `unauthorized_client`.
 */
import { hashToken } from '../../core/tokens.ts';
import {
  findAccessTokenByHash,
  findAccessTokenByRefreshHash,
  revokeAccessToken,
} from '../../db/repositories/oauth-tokens.ts';
import type { Deps } from '../context.ts';
import { authenticateClient, type ClientCredentials } from './applications.ts';
import { oauthError } from './errors.ts';

const notYours = () =>
  oauthError('unauthorized_client', {
    status: 403,
    description: 'You are not authorized to revoke this token',
  });

/** Revokes an access token or refresh token (`hint: 'refresh_token'` looks at those first). */
export async function revokeToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  request: { client: ClientCredentials | null; token?: string; hint?: string },
): Promise<void> {
  const application = request.client
    ? await authenticateClient(deps, request.client.clientId, request.client.clientSecret)
    : null;
  if (!application) throw notYours();
  const token = request.token?.trim() ?? '';
  if (token === '') return;
  const hash = hashToken(token);
  const record =
    request.hint === 'refresh_token'
      ? await findAccessTokenByRefreshHash(deps.db, hash)
      : ((await findAccessTokenByHash(deps.db, hash)) ??
        (await findAccessTokenByRefreshHash(deps.db, hash)));
  if (!record) return;
  if (record.applicationId !== application.id) throw notYours();
  await revokeAccessToken(deps.db, record.id, deps.clock.now());
}
