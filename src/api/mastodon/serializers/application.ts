/**
 * Mastodon's Application entity and, right after registration only, CredentialApplication
 * (with the client secret, which Woolly cannot show again: it keeps only a hash).
 * The Application of `verify_credentials` also carries `vapid_key`, the instance's web push
 * public key (deprecated by Mastodon 4.3 in favour of the instance's `configuration.vapid`).
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
  vapid_key?: string;
}

export interface MastodonCredentialApplication extends MastodonApplication {
  client_id: string;
  client_secret: string;
  /** Mastodon's client secrets never expire: always 0. */
  client_secret_expires_at: 0;
}

export function serializeApplication(
  application: ApplicationRecord,
  options: { vapidKey?: string } = {},
): MastodonApplication {
  return {
    id: application.id,
    name: application.name,
    website: application.website || null,
    scopes: application.scopes,
    redirect_uri: application.redirectUris.join('\n'),
    redirect_uris: application.redirectUris,
    ...(options.vapidKey === undefined ? {} : { vapid_key: options.vapidKey }),
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
