/** OAuth applications: what `POST /api/v1/apps` registers. */
import { hashToken, newToken, safeEqual } from '../../core/tokens.ts';
import {
  findApplicationByClientId,
  insertApplication,
  type ApplicationRecord,
} from '../../db/repositories/oauth-applications.ts';
import type { Deps } from '../context.ts';

export interface NewApplication {
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  ownerAccountId?: string | null;
}

/** Registers an application; the client secret is returned once and only its hash is kept. */
export async function createApplication(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  input: NewApplication,
): Promise<{ application: ApplicationRecord; clientSecret: string }> {
  const clientSecret = newToken();
  const application: ApplicationRecord = {
    id: deps.ids.next(),
    name: input.name,
    website: input.website,
    redirectUris: input.redirectUris,
    scopes: input.scopes,
    clientId: newToken(),
    clientSecretHash: hashToken(clientSecret),
    ownerAccountId: input.ownerAccountId ?? null,
    createdAt: deps.clock.now(),
  };
  await insertApplication(deps.db, application);
  return { application, clientSecret };
}

/** The application with these client credentials, or null when either is wrong. */
export async function authenticateClient(
  deps: Pick<Deps, 'db'>,
  clientId: string,
  clientSecret: string,
): Promise<ApplicationRecord | null> {
  const application = await findApplicationByClientId(deps.db, clientId);
  if (!application || !safeEqual(application.clientSecretHash, hashToken(clientSecret)))
    return null;
  return application;
}
