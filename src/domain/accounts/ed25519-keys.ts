/**
 * A local account's Ed25519 key pair, beside its RSA one: Fedify publishes it as an
 * `assertionMethod` Multikey (FEP-521a) and signs outgoing activities' integrity proofs
 * (FEP-8b32) with it. New accounts get it when they are made (createLocalAccount); accounts
 * from before it, or seeded without it, get it the first time it is needed, stored once: two
 * processes racing there both store with "first one wins" and both read back the winner.
 *
 * @example const { publicKey, privateKey } = await accountEd25519KeyPair(deps, account.id);
 */
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import {
  findAccountEd25519Keys,
  insertAccountEd25519Keys,
  type Ed25519PemPair,
} from '../../db/repositories/account-ed25519-keys.ts';
import type { Deps } from '../context.ts';

const generate = promisify(generateKeyPair);

/** A new Ed25519 key pair as SPKI / PKCS#8 PEM (well under a millisecond of CPU). */
export function newEd25519KeyPair(): Promise<Ed25519PemPair> {
  return generate('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** The local account's stored Ed25519 pair, made and stored now if it has none yet. */
export async function accountEd25519KeyPair(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
): Promise<Ed25519PemPair> {
  const stored = await findAccountEd25519Keys(deps.db, accountId);
  if (stored) return stored;
  const made = await newEd25519KeyPair();
  if (await insertAccountEd25519Keys(deps.db, accountId, made, deps.clock.now())) return made;
  // Another request or process stored one first: that one is the account's.
  const first = await findAccountEd25519Keys(deps.db, accountId);
  if (!first) throw new Error(`account ${accountId} has no Ed25519 key pair and got none`);
  return first;
}
