/**
 * Mastodon's Token entity: what sign-up and `POST /oauth/token` answer with.
 * `{"access_token", "token_type": "Bearer", "scope", "created_at"}`, plus `refresh_token` (and
 * `expires_in`) when the token has one. Like Doorkeeper, absent values are left out, not null.
 */
import type { IssuedToken } from '../../../domain/oauth/tokens.ts';

export interface TokenJson {
  access_token: string;
  token_type: 'Bearer';
  scope: string;
  /** Seconds since the epoch. */
  created_at: number;
  refresh_token?: string;
  /** Seconds the token lives; absent for Mastodon's tokens, which never expire. */
  expires_in?: number;
}

export function serializeToken(token: IssuedToken): TokenJson {
  const { record } = token;
  return {
    access_token: token.accessToken,
    token_type: 'Bearer',
    ...(record.expiresAt !== null
      ? { expires_in: Math.round((record.expiresAt - record.createdAt) / 1000) }
      : {}),
    ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
    scope: record.scopes.join(' '),
    created_at: Math.floor(record.createdAt / 1000),
  };
}
