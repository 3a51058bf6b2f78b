import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export interface PemKeyPair {
  publicKey: string;
  privateKey: string;
}

/** Generates a new RSA-2048 key pair in PEM (about 50 ms of CPU). */
export async function generateAccountKeyPair(): Promise<PemKeyPair> {
  return generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

let source: () => Promise<PemKeyPair> = generateAccountKeyPair;

/**
 * Where new key pairs come from, for the whole process. Only the test suite changes it: it
 * hands out pre-generated pairs (test/helpers/account-keys.ts), since it makes thousands.
 */
export function useAccountKeyPairs(next: () => Promise<PemKeyPair>): void {
  source = next;
}

/** A new RSA-2048 key pair in PEM, for the account's ActivityPub `publicKey`. */
export function newAccountKeyPair(): Promise<PemKeyPair> {
  return source();
}
