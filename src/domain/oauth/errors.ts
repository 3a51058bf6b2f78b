/**
 * OAuth 2 errors as Mastodon answers them (Doorkeeper's names, Mastodon's English wording):
 * `{"error": "invalid_grant", "error_description": "..."}`, 401 for client problems, 400 for
 * the rest. They are AppErrors, so the one error renderer writes them.
 *
 * @example throw oauthError('invalid_scope');
 */
import { AppError } from '../../core/errors.ts';

const descriptions = {
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  invalid_redirect_uri: 'The redirect uri included is not valid.',
  invalid_code_challenge_method: 'The code_challenge_method must be S256.',
  unauthorized_client: 'The client is not authorized to perform this request using this method.',
  unsupported_grant_type:
    'The authorization grant type is not supported by the authorization server.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  unsupported_response_mode: 'The authorization server does not support this response mode.',
  access_denied: 'The resource owner or authorization server denied the request.',
} as const;

export type OAuthErrorName = keyof typeof descriptions;

/** An OAuth error with Doorkeeper's status: 401 for client authentication, 400 otherwise. */
export function oauthError(
  name: OAuthErrorName,
  options: { description?: string; status?: number } = {},
): AppError {
  const status =
    options.status ?? (name === 'invalid_client' || name === 'unauthorized_client' ? 401 : 400);
  return new AppError(status, name, {
    body: { error_description: options.description ?? descriptions[name] },
  });
}

/** Doorkeeper's `invalid_request` for a parameter that is absent or blank. */
export function missingParameter(name: string): AppError {
  return oauthError('invalid_request', { description: `Missing required parameter: ${name}.` });
}

/** The name and description of an OAuth error, or null for any other error. */
export function describeOAuthError(
  error: unknown,
): { name: OAuthErrorName; description: string; status: number } | null {
  if (!(error instanceof AppError) || !Object.hasOwn(descriptions, error.message)) return null;
  const description = error.body?.error_description;
  return {
    name: error.message as OAuthErrorName,
    description: typeof description === 'string' ? description : '',
    status: error.status,
  };
}
