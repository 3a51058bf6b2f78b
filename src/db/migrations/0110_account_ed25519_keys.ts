/**
 * Each local account's Ed25519 key pair, published beside its RSA key as an `assertionMethod`
 * Multikey (FEP-521a) and used by Fedify to sign the Object Integrity Proofs (FEP-8b32) of the
 * activities it sends. SPKI and PKCS#8 PEM, as `accounts.public_key`/`private_key` keep the
 * RSA pair. Accounts made before this table get theirs on first need (one row per account:
 * two processes making it at once both keep the one stored first); the row goes with the
 * account.
 */
export const sql = `
CREATE TABLE account_ed25519_keys (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
`;
