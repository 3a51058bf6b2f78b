/** Reads and writes of `oauth_applications`. The client secret is kept as a SHA-256 only. */
import type { Queryable, Row } from '../database.ts';

export interface ApplicationRecord {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecretHash: string;
  ownerAccountId: string | null;
  createdAt: number;
}

export function applicationFromRow(row: Row): ApplicationRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    website: row.website === null || row.website === undefined ? null : String(row.website),
    redirectUris: String(row.redirect_uris).split('\n').filter(Boolean),
    scopes: String(row.scopes).split(' ').filter(Boolean),
    clientId: String(row.client_id),
    clientSecretHash: String(row.client_secret_hash),
    ownerAccountId:
      row.owner_account_id === null || row.owner_account_id === undefined
        ? null
        : String(row.owner_account_id),
    createdAt: Number(row.created_at),
  };
}

export async function insertApplication(db: Queryable, app: ApplicationRecord): Promise<void> {
  await db.run(
    `INSERT INTO oauth_applications (id, name, website, redirect_uris, scopes, client_id, client_secret_hash, owner_account_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      app.id,
      app.name,
      app.website,
      app.redirectUris.join('\n'),
      app.scopes.join(' '),
      app.clientId,
      app.clientSecretHash,
      app.ownerAccountId,
      app.createdAt,
    ],
  );
}

export async function findApplicationById(
  db: Queryable,
  id: string,
): Promise<ApplicationRecord | null> {
  const row = await db.get('SELECT * FROM oauth_applications WHERE id = ?', [id]);
  return row ? applicationFromRow(row) : null;
}

export async function findApplicationByClientId(
  db: Queryable,
  clientId: string,
): Promise<ApplicationRecord | null> {
  const row = await db.get('SELECT * FROM oauth_applications WHERE client_id = ?', [clientId]);
  return row ? applicationFromRow(row) : null;
}
