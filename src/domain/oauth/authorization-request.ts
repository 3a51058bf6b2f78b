/**
 * The checks of `GET /oauth/authorize` before anyone is asked anything (Doorkeeper's
 * pre-authorization), in Doorkeeper's order: client, redirect URI, response type and mode,
 * scopes, PKCE method. The consent page shows the first problem instead of redirecting: a
 * request that fails here may carry a redirect URI nobody registered.
 */
import {
  findApplicationByClientId,
  type ApplicationRecord,
} from '../../db/repositories/oauth-applications.ts';
import type { Deps } from '../context.ts';
import { missingParameter, oauthError } from './errors.ts';
import { codeChallengeMethods } from './pkce.ts';
import { redirectUriAllowed } from './redirect-uris.ts';
import { requestedScopes, scopesRegistered } from './scopes.ts';

/** How the code goes back to the app (OAuth 2.0 Multiple Response Types / Form Post). */
export const responseModes = ['query', 'fragment', 'form_post'] as const;
export type ResponseMode = (typeof responseModes)[number];

export interface AuthorizationParams {
  clientId?: string;
  redirectUri?: string;
  responseType?: string;
  responseMode?: string;
  scope?: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/** A request that passed every check: what the consent page shows and the code will carry. */
export interface AuthorizationRequest {
  application: ApplicationRecord;
  redirectUri: string;
  responseMode: ResponseMode;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

const present = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/** The checked request, or an OAuth error (`invalid_client`, `invalid_scope`, ...). */
export async function checkAuthorizationRequest(
  deps: Pick<Deps, 'db'>,
  params: AuthorizationParams,
): Promise<AuthorizationRequest> {
  if (!present(params.clientId)) throw missingParameter('client_id');
  const application = await findApplicationByClientId(deps.db, params.clientId);
  if (!application) throw oauthError('invalid_client');
  if (
    !present(params.redirectUri) ||
    !redirectUriAllowed(params.redirectUri, application.redirectUris)
  ) {
    throw oauthError('invalid_redirect_uri');
  }
  if (!present(params.responseType)) throw missingParameter('response_type');
  if (params.responseType !== 'code') throw oauthError('unsupported_response_type');
  const responseMode = present(params.responseMode) ? params.responseMode : 'query';
  if (!(responseModes as readonly string[]).includes(responseMode)) {
    throw oauthError('unsupported_response_mode');
  }
  const scopes = requestedScopes(params.scope, application.scopes);
  if (!scopesRegistered(scopes, application.scopes)) throw oauthError('invalid_scope');
  const codeChallenge = present(params.codeChallenge) ? params.codeChallenge : null;
  const method = present(params.codeChallengeMethod) ? params.codeChallengeMethod : null;
  if (codeChallenge !== null && (method === null || !codeChallengeMethods.includes(method))) {
    throw oauthError('invalid_code_challenge_method');
  }
  return {
    application,
    redirectUri: params.redirectUri,
    responseMode: responseMode as ResponseMode,
    scopes,
    state: present(params.state) ? params.state : null,
    codeChallenge,
    codeChallengeMethod: codeChallenge === null ? null : method,
  };
}
