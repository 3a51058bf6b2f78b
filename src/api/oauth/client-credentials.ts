/**
 * How a client proves who it is at the token and revocation endpoints, as Doorkeeper reads it:
 * HTTP Basic first (`client_secret_basic`), then the `client_id` and `client_secret`
 * parameters (`client_secret_post`).
 */
import type { ClientCredentials } from '../../domain/oauth/applications.ts';
import type { Params } from '../mastodon/params.ts';

/** RFC 6749 §2.3.1: each half is form-encoded before the Basic encoding. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export function clientCredentials(
  authorization: string | undefined,
  params: Params,
): ClientCredentials | null {
  const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return {
        clientId: formDecode(decoded.slice(0, colon)),
        clientSecret: formDecode(decoded.slice(colon + 1)),
      };
    }
  }
  const { client_id: clientId, client_secret: clientSecret } = params;
  if (typeof clientId !== 'string' || clientId === '') return null;
  return { clientId, clientSecret: typeof clientSecret === 'string' ? clientSecret : '' };
}
