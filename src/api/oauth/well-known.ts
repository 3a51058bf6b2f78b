/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414), with Mastodon's extras
 * (`app_registration_endpoint`, `service_documentation`). Everything listed here works:
 * the grant types and response modes are the ones token.ts and the consent page handle.
 */
import { Hono } from 'hono';
import { responseModes } from '../../domain/oauth/authorization-request.ts';
import { codeChallengeMethods } from '../../domain/oauth/pkce.ts';
import { allScopes } from '../../domain/oauth/scopes.ts';
import type { AppEnv } from '../mastodon/env.ts';
import { grantTypes } from './token.ts';

export function wellKnownOAuthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/.well-known/oauth-authorization-server', (c) => {
    const base = c.var.deps.config.baseUrl;
    c.header('Cache-Control', 'max-age=259200, public');
    return c.json({
      issuer: `${base}/`,
      service_documentation: 'https://docs.joinmastodon.org/',
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      app_registration_endpoint: `${base}/api/v1/apps`,
      revocation_endpoint: `${base}/oauth/revoke`,
      userinfo_endpoint: `${base}/oauth/userinfo`,
      scopes_supported: allScopes,
      response_types_supported: ['code'],
      response_modes_supported: responseModes,
      code_challenge_methods_supported: codeChallengeMethods,
      grant_types_supported: grantTypes,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
}
