/**
 * Mastodon's Token entity, as `POST /oauth/token` (and sign-up) answer:
 * `{"access_token", "token_type": "Bearer", "scope", "created_at"}`, plus `refresh_token` when
 * one was issued. Like Doorkeeper, absent values are left out rather than sent as null.
 */
import type { IssuedToken } from '../../../domain/oauth/tokens.ts';

export interface MastodonToken {
  access_token: string;
  token_type: 'Bearer';
  scope: string;
  created_at: number;
  refresh_token?: string;
  expires_in?: number;
}

export function serializeToken(issued: IssuedToken, now: number): MastodonToken {
  const { record } = issued;
  return {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    ...(record.expiresAt !== null
      ? { expires_in: Math.max(0, Math.round((record.expiresAt - now) / 1000)) }
      : {}),
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    scope: record.scopes.join(' '),
    created_at: Math.floor(record.createdAt / 1000),
  };
}
