/**
 * PKCE (RFC 7636). Mastodon accepts only the S256 method: an app sends
 * `code_challenge = BASE64URL(SHA256(code_verifier))` to the consent page and the verifier
 * with the code, so a stolen code is useless without the verifier.
 */
import { createHash } from 'node:crypto';
import { safeEqual } from '../../core/tokens.ts';

export const codeChallengeMethods: readonly string[] = ['S256'];

/** The S256 challenge of a verifier. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** True when `verifier` answers the challenge stored with an authorization code. */
export function verifierMatches(
  challenge: string,
  method: string | null,
  verifier: string,
): boolean {
  return method === 'S256' && safeEqual(s256Challenge(verifier), challenge);
}
