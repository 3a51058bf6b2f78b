/**
 * Authentication and scopes, as Mastodon's API base controller does them:
 * - `authenticate()` reads the bearer token (header, or `access_token` parameter) on every request;
 * - `requireScopes('read:accounts')` answers 401 without a valid token (saying, as Doorkeeper
 *   does, whether it is unknown, revoked or expired), 403 when the token lacks every accepted
 *   scope;
 * - `requireUser()` also answers 422/403 when the token has no usable user behind it.
 *
 * @example app.get('/api/v1/accounts/verify_credentials', requireScopes('read', 'read:accounts', 'profile'), requireUser(), handler)
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../../core/errors.ts';
import {
  inspectToken,
  tokenProblemMessages,
  userAccessProblem,
  type Auth,
  type TokenProblem,
} from '../../../domain/oauth/authenticate.ts';
import { scopesAllow } from '../../../domain/oauth/scopes.ts';
import type { AppEnv } from '../env.ts';

export function bearerToken(
  authorization: string | undefined,
  query: string | undefined,
): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (match) return match[1]!;
  return query && query.length > 0 ? query : null;
}

/** Why the token of a request was refused, kept beside the request for the 401's wording. */
const refused = new WeakMap<Request, TokenProblem>();

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'), c.req.query('access_token'));
    const result = token ? await inspectToken(c.var.deps, token, c.var.clientIp) : null;
    if (result?.problem) refused.set(c.req.raw, result.problem);
    c.set('auth', result?.auth ?? null);
    await next();
  };
}

/** Why the request's token was refused, or null when it had none or it was accepted. */
export function tokenRefusal(c: Context<AppEnv>): TokenProblem | null {
  return refused.get(c.req.raw) ?? null;
}

/** The caller's auth, or a 401 like Mastodon's. */
export function requireAuth(auth: Auth | null): Auth {
  if (!auth) throw new AppError(401, tokenProblemMessages.unknown);
  return auth;
}

/**
 * The caller's auth, or Doorkeeper's 401: `The access token was revoked` / `... expired` / `...
 * is invalid`, with its `WWW-Authenticate` challenge.
 */
export function requireValidToken(c: Context<AppEnv>): Auth {
  if (c.var.auth) return c.var.auth;
  const message = tokenProblemMessages[refused.get(c.req.raw) ?? 'unknown'];
  c.header(
    'WWW-Authenticate',
    `Bearer realm="Doorkeeper", error="invalid_token", error_description="${message}"`,
  );
  throw new AppError(401, message);
}

export function requireScopes(...accepted: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = requireValidToken(c);
    if (!scopesAllow(auth.token.scopes, accepted)) {
      const wanted = accepted.join(' ');
      c.header(
        'WWW-Authenticate',
        `Bearer realm="Doorkeeper", error="insufficient_scope", error_description="Access to this resource requires scope \\"${wanted}\\"."`,
      );
      throw new AppError(403, 'This action is outside the authorized scopes');
    }
    await next();
  };
}

export function requireUser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = requireValidToken(c);
    const problem = userAccessProblem(auth);
    if (problem) throw new AppError(auth.account ? 403 : 422, problem);
    await next();
  };
}

/** The signed-in account and user, for handlers behind `requireUser()`. */
export function currentUser(
  auth: Auth | null,
): Required<{ [K in keyof Auth]: NonNullable<Auth[K]> }> {
  const a = requireAuth(auth);
  if (!a.account || !a.user) throw new AppError(422, 'This method requires an authenticated user');
  return { token: a.token, account: a.account, user: a.user };
}
