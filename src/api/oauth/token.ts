/**
 * `POST /oauth/token`: every grant Woolly accepts, each in its own domain service. Errors are
 * Doorkeeper's (`invalid_client` 401, the rest 400) and, like all token responses, never cached.
 */
import { Hono } from 'hono';
import { describeOAuthError, missingParameter, oauthError } from '../../domain/oauth/errors.ts';
import { exchangeAuthorizationCode } from '../../domain/oauth/exchange-code.ts';
import { exchangeClientCredentials } from '../../domain/oauth/exchange-client-credentials.ts';
import { exchangePassword } from '../../domain/oauth/exchange-password.ts';
import { exchangeRefreshToken } from '../../domain/oauth/exchange-refresh-token.ts';
import type { IssuedToken } from '../../domain/oauth/tokens.ts';
import type { AppEnv } from '../mastodon/env.ts';
import { readParams, type Params } from '../mastodon/params.ts';
import { serializeToken } from '../mastodon/serializers/token.ts';
import { clientCredentials } from './client-credentials.ts';

/** The grant types of `grant_types_supported`, in Doorkeeper's order. */
export const grantTypes = [
  'authorization_code',
  'password',
  'client_credentials',
  'refresh_token',
] as const;

const field = (params: Params, name: string): string | undefined =>
  typeof params[name] === 'string' ? params[name] : undefined;

export function tokenRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/oauth/token', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    const params = await readParams(c);
    const client = clientCredentials(c.req.header('authorization'), params);
    const deps = c.var.deps;
    let issued: IssuedToken;
    try {
      switch (field(params, 'grant_type')?.trim() || undefined) {
        case undefined:
          throw missingParameter('grant_type');
        case 'authorization_code':
          issued = await exchangeAuthorizationCode(deps, {
            client,
            code: field(params, 'code'),
            redirectUri: field(params, 'redirect_uri'),
            codeVerifier: field(params, 'code_verifier'),
          });
          break;
        case 'password':
          issued = await exchangePassword(deps, {
            client,
            username: field(params, 'username'),
            password: field(params, 'password'),
            scope: field(params, 'scope'),
          });
          break;
        case 'client_credentials':
          issued = await exchangeClientCredentials(deps, { client, scope: field(params, 'scope') });
          break;
        case 'refresh_token':
          issued = await exchangeRefreshToken(deps, {
            client,
            refreshToken: field(params, 'refresh_token'),
            scope: field(params, 'scope'),
          });
          break;
        default:
          throw oauthError('unsupported_grant_type');
      }
    } catch (error) {
      const oauth = describeOAuthError(error);
      if (oauth?.status === 401) {
        c.header(
          'WWW-Authenticate',
          `Bearer realm="Doorkeeper", error="${oauth.name}", error_description="${oauth.description}"`,
        );
      }
      throw error;
    }
    return c.json(serializeToken(issued));
  });
}
