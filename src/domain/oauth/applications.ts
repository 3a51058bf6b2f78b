/** OAuth applications: what `POST /api/v1/apps` registers. */
import { AppError } from '../../core/errors.ts';
import { hashToken, newToken, safeEqual } from '../../core/tokens.ts';
import {
  findApplicationByClientId,
  insertApplication,
  type ApplicationRecord,
} from '../../db/repositories/oauth-applications.ts';
import type { Deps } from '../context.ts';
import { oauthError } from './errors.ts';
import { registrationProblems } from './redirect-uris.ts';
import { parseScopes, unknownScopes } from './scopes.ts';

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

/** What a client proves itself with: HTTP Basic or the `client_id`/`client_secret` parameters. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The application behind the credentials, or Doorkeeper's 401 `invalid_client`. */
export async function requireClient(
  deps: Pick<Deps, 'db'>,
  credentials: ClientCredentials | null,
): Promise<ApplicationRecord> {
  const application = credentials
    ? await authenticateClient(deps, credentials.clientId, credentials.clientSecret)
    : null;
  if (!application) throw oauthError('invalid_client');
  return application;
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

/** What a client sends to register itself; each value as received (string, list or absent). */
export interface ApplicationRequest {
  name: unknown;
  redirectUris: unknown;
  scopes: unknown;
  website: unknown;
}

const nameMaxLength = 60;
const redirectUriMaxLength = 2000;
const websiteMaxLength = 2000;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join('\n') : '';

function websiteValid(website: string): boolean {
  try {
    const url = new URL(website);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Registers an app as `POST /api/v1/apps` does. Redirect URIs come as one string (one per
 * line) or a list; scopes as a space-separated string or a list, `read` when absent. A
 * problem is Mastodon's 422 `Validation failed: Redirect URI must be an absolute URI.`
 */
export async function registerApplication(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  request: ApplicationRequest,
): Promise<{ application: ApplicationRecord; clientSecret: string }> {
  const name = text(request.name).trim();
  const redirectText = text(request.redirectUris);
  const redirectUris = redirectText.split(/\s+/).filter(Boolean);
  const scopes = parseScopes(text(request.scopes));
  const website = text(request.website).trim();

  const problems: string[] = [];
  if (name === '') problems.push("Application name can't be blank");
  if (redirectUris.length === 0) problems.push("Redirect URI can't be blank");
  for (const uri of redirectUris) {
    for (const problem of registrationProblems(uri)) {
      const sentence = `Redirect URI ${problem}`;
      if (!problems.includes(sentence)) problems.push(sentence);
    }
  }
  if (unknownScopes(scopes).length > 0)
    problems.push("Scopes doesn't match configured on the server.");
  if ([...name].length > nameMaxLength) {
    problems.push(`Application name is too long (maximum is ${nameMaxLength} characters)`);
  }
  if (redirectText.length > redirectUriMaxLength) {
    problems.push(`Redirect URI is too long (maximum is ${redirectUriMaxLength} characters)`);
  }
  if (website !== '' && !websiteValid(website)) problems.push('Application website is invalid');
  if (website.length > websiteMaxLength) {
    problems.push(`Application website is too long (maximum is ${websiteMaxLength} characters)`);
  }
  if (problems.length) throw new AppError(422, `Validation failed: ${problems.join(', ')}`);

  return createApplication(deps, {
    name,
    website: website === '' ? null : website,
    redirectUris,
    scopes,
  });
}
