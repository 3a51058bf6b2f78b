/**
 * Woolly keeps account keys as PEM (what Mastodon stores and publishes); Fedify signs and
 * verifies with Web Crypto keys. These convert between the two.
 */
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** The key pair of a local account, from its PEM keys. */
export async function cryptoKeyPair(
  publicKeyPem: string,
  privateKeyPem: string,
): Promise<CryptoKeyPair> {
  const spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  return {
    publicKey: await crypto.subtle.importKey('spki', spki, rsa, true, ['verify']),
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, rsa, true, ['sign']),
  };
}

/** A remote actor's public key as SPKI PEM, as `accounts.public_key` keeps it. */
export function publicKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'spki', format: 'pem' }).toString();
}
