/**
 * Woolly keeps account keys as PEM (what Mastodon stores and publishes): the RSA pair every
 * actor has, and the Ed25519 pair of local accounts (domain/accounts/ed25519-keys.ts); Fedify
 * signs and verifies with Web Crypto keys. These convert between the two.
 *
 * Fedify asks for an account's key pair whenever it signs (each delivery, each signed fetch
 * while processing an inbox activity): converting PEM to Web Crypto keys costs more than the
 * signature, so converted pairs are kept, by their PEM, for the few accounts that sign most.
 */
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const ed25519 = { name: 'Ed25519' } as const;

/** Converted key pairs by their PEM, most recently used last. */
const converted = new Map<string, Promise<CryptoKeyPair>>();
const keptPairs = 256;

async function convert(publicKeyPem: string, privateKeyPem: string): Promise<CryptoKeyPair> {
  const publicKey = createPublicKey(publicKeyPem);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  // Fedify picks the RSA key for HTTP and LD signatures, the Ed25519 one for proofs.
  const algorithm = publicKey.asymmetricKeyType === 'ed25519' ? ed25519 : rsa;
  return {
    publicKey: await crypto.subtle.importKey('spki', spki, algorithm, true, ['verify']),
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']),
  };
}

/** The key pair of a local account (RSA or Ed25519), from its PEM keys. */
export function cryptoKeyPair(publicKeyPem: string, privateKeyPem: string): Promise<CryptoKeyPair> {
  const key = `${publicKeyPem}\n${privateKeyPem}`;
  let pair = converted.get(key);
  if (pair) converted.delete(key);
  else {
    pair = convert(publicKeyPem, privateKeyPem);
    // A PEM that does not convert is not kept: the next call fails the same way.
    pair.catch(() => converted.delete(key));
  }
  converted.set(key, pair);
  if (converted.size > keptPairs) converted.delete(converted.keys().next().value!);
  return pair;
}

/** PEM of keys already converted, by key object (Fedify hands the same key again when cached). */
const pems = new WeakMap<CryptoKey, string>();

/** A remote actor's public key as SPKI PEM, as `accounts.public_key` keeps it. */
export function publicKeyPem(key: CryptoKey): string {
  let pem = pems.get(key);
  if (pem === undefined) {
    pem = KeyObject.from(key).export({ type: 'spki', format: 'pem' }).toString();
    pems.set(key, pem);
  }
  return pem;
}
