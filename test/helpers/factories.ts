/**
 * Makes the things tests need through the real domain services: accounts, applications and
 * tokens. Nothing is written with raw SQL.
 */
import type { Deps } from '../../src/domain/context.ts';
import {
  createLocalAccount,
  type NewLocalAccount,
} from '../../src/domain/accounts/create-local-account.ts';
import { createApplication } from '../../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../../src/domain/oauth/tokens.ts';

let counter = 0;

/** A confirmed, approved local account with password `password123`. */
export async function makeAccount(deps: Deps, overrides: Partial<NewLocalAccount> = {}) {
  counter += 1;
  const username = overrides.username ?? `user${counter}`;
  return createLocalAccount(deps, {
    username,
    email: `${username}@example.com`,
    password: 'password123',
    confirmed: true,
    approved: true,
    ...overrides,
  });
}

export async function makeApplication(deps: Deps, scopes = ['read', 'write', 'follow', 'push']) {
  return createApplication(deps, {
    name: 'Test app',
    website: null,
    redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
    scopes,
  });
}

/** An account with a bearer token holding `scopes`. */
export async function makeUserWithToken(
  deps: Deps,
  options: { scopes?: string[]; account?: Partial<NewLocalAccount> } = {},
) {
  const scopes = options.scopes ?? ['read', 'write', 'follow', 'push'];
  const { account, user } = await makeAccount(deps, options.account);
  const { application } = await makeApplication(deps, scopes);
  const token = await issueAccessToken(deps, {
    applicationId: application.id,
    accountId: account.id,
    scopes,
  });
  return { account, user, application, token: token.accessToken };
}

/** An app-only token (client_credentials). */
export async function makeAppToken(deps: Deps, scopes = ['read', 'write']) {
  const { application, clientSecret } = await makeApplication(deps, scopes);
  const token = await issueAccessToken(deps, {
    applicationId: application.id,
    accountId: null,
    scopes,
  });
  return { application, clientSecret, token: token.accessToken };
}
