/**
 * Pre-generated RSA-2048 key pairs for the accounts tests create. Generating one costs about
 * 50 ms of CPU, and the suite makes thousands of accounts (plus an instance actor per Woolly):
 * that was a third of the suite's CPU time. Each test process hands out the pairs in
 * test/fixtures/account-keys.json once each, in order, so no two accounts of a process share
 * a key; when they run out, new pairs are generated as Woolly does.
 *
 * Make the file again with `node_modules/.bin/node test/helpers/account-keys.ts --write`.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateAccountKeyPair, useAccountKeyPairs } from '../../src/domain/accounts/keys.ts';

const file = new URL('../fixtures/account-keys.json', import.meta.url);
const count = 256;

/** Makes new accounts in this process take the pre-generated pairs first. */
export function usePregeneratedAccountKeys(): void {
  const privateKeys = JSON.parse(readFileSync(file, 'utf8')) as string[];
  let next = 0;
  useAccountKeyPairs(async () => {
    const privateKey = privateKeys[next++];
    if (privateKey === undefined) return generateAccountKeyPair();
    const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
    return { publicKey: publicKey.toString(), privateKey };
  });
}

if (import.meta.main && process.argv.includes('--write')) {
  const pairs = await Promise.all(Array.from({ length: count }, generateAccountKeyPair));
  writeFileSync(
    file,
    `${JSON.stringify(
      pairs.map((p) => p.privateKey),
      null,
      1,
    )}\n`,
  );
}
