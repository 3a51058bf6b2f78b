/**
 * Mastodon's Application entity and, right after registration only, CredentialApplication
 * (with the client secret, which Woolly cannot show again: it keeps only a hash).
 * `vapid_key` is left out until Woolly has Web Push keys.
 */
import type { ApplicationRecord } from '../../../db/repositories/oauth-applications.ts';

export interface MastodonApplication {
  id: string;
  name: string;
  website: string | null;
  scopes: string[];
  /** Deprecated since Mastodon 4.3: the URIs joined by newlines. */
  redirect_uri: string;
  redirect_uris: string[];
}

export interface MastodonCredentialApplication extends MastodonApplication {
  client_id: string;
  client_secret: string;
  /** Mastodon's client secrets never expire: always 0. */
  client_secret_expires_at: 0;
}

export function serializeApplication(application: ApplicationRecord): MastodonApplication {
  return {
    id: application.id,
    name: application.name,
    website: application.website || null,
    scopes: application.scopes,
    redirect_uri: application.redirectUris.join('\n'),
    redirect_uris: application.redirectUris,
  };
}

export function serializeCredentialApplication(
  application: ApplicationRecord,
  clientSecret: string,
): MastodonCredentialApplication {
  return {
    ...serializeApplication(application),
    client_id: application.clientId,
    client_secret: clientSecret,
    client_secret_expires_at: 0,
  };
}
