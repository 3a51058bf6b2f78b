/**
 * `GET /oauth/authorize`: the consent page. The request is checked first (a bad client or
 * redirect URI is shown as an error page, never redirected to); then the visitor signs in if
 * needed (`force_login` asks for a fresh sign-in, so that someone with several accounts picks
 * one); then they see the app and what it may do, and answer with Authorize
 * (`POST /oauth/authorize`) or Deny (`DELETE`, or a POST with `_method=delete`). As in
 * Mastodon, an account that already holds a token of this app for the same scopes is not
 * asked again.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { html } from 'hono/html';
import {
  checkAuthorizationRequest,
  type AuthorizationParams,
  type AuthorizationRequest,
} from '../domain/oauth/authorization-request.ts';
import { describeOAuthError, oauthError } from '../domain/oauth/errors.ts';
import { issueAuthorizationCode } from '../domain/oauth/grants.ts';
import { isOobUri } from '../domain/oauth/redirect-uris.ts';
import { hasMatchingToken } from '../domain/oauth/tokens.ts';
import type { SignedIn } from '../domain/sessions/web-sessions.ts';
import { csrfField, verifyCsrf } from './csrf.ts';
import type { WebEnv } from './env.ts';
import { nativeCodePage, oauthErrorPage, respondToApp } from './oauth-response.ts';
import { renderPage } from './render.ts';
import { describeScopes } from './scope-descriptions.ts';
import { currentSession, signInPath } from './session.ts';

const fieldNames = {
  clientId: 'client_id',
  redirectUri: 'redirect_uri',
  responseType: 'response_type',
  responseMode: 'response_mode',
  scope: 'scope',
  state: 'state',
  codeChallenge: 'code_challenge',
  codeChallengeMethod: 'code_challenge_method',
} as const satisfies Record<keyof AuthorizationParams, string>;

function authorizationParams(read: (name: string) => unknown): AuthorizationParams {
  const params: AuthorizationParams = {};
  for (const [key, name] of Object.entries(fieldNames)) {
    const value = read(name);
    if (typeof value === 'string') params[key as keyof AuthorizationParams] = value;
  }
  return params;
}

/** The fields that carry a checked request through the consent form. */
function requestFields(request: AuthorizationRequest): Record<string, string> {
  const fields: Record<string, string | null> = {
    client_id: request.application.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    response_mode: request.responseMode,
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallengeMethod,
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

/** `GET /oauth/authorize?...` for a checked request, to come back to after signing in. */
function authorizePath(request: AuthorizationRequest): string {
  return `/oauth/authorize?${new URLSearchParams(requestFields(request))}`;
}

/** Rails' boolean cast, which Mastodon applies to `force_login`: blank is false, and so are the usual false words. */
const truthy = (value: string | undefined) =>
  value !== undefined && value !== '' && !['0', 'f', 'false', 'off'].includes(value.toLowerCase());

/** Checks the request; an OAuth problem becomes the error page, anything else propagates. */
async function check(
  c: Context<WebEnv>,
  params: AuthorizationParams,
): Promise<AuthorizationRequest | Response> {
  try {
    return await checkAuthorizationRequest(c.var.deps, params);
  } catch (error) {
    const oauth = describeOAuthError(error);
    if (!oauth) throw error;
    return oauthErrorPage(c, oauth);
  }
}

async function approve(c: Context<WebEnv>, request: AuthorizationRequest, signedIn: SignedIn) {
  const code = await issueAuthorizationCode(c.var.deps, request, signedIn.account.id);
  return respondToApp(c, request, { code });
}

function deny(c: Context<WebEnv>, request: AuthorizationRequest) {
  const denied = describeOAuthError(oauthError('access_denied'))!;
  return respondToApp(c, request, {
    error: 'access_denied',
    error_description: denied.description,
  });
}

function consentPage(c: Context<WebEnv>, request: AuthorizationRequest, signedIn: SignedIn) {
  const app = request.application;
  const fields = requestFields(request);
  const hidden = Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  const handle = `@${signedIn.account.username}@${c.var.deps.config.localDomain}`;
  return renderPage(c, {
    title: 'Authorization required',
    body: html`<h1>Authorize ${app.name}?</h1>
      <p>
        <strong>${app.name}</strong>
        ${
          app.website && /^https?:\/\//i.test(app.website)
            ? html`(<a href="${app.website}" rel="noopener noreferrer" target="_blank"
                  >${app.website}</a
                >)`
            : ''
        }
        asks for access to your account <strong>${handle}</strong>.
      </p>
      <p>It will be able to:</p>
      <ul class="scopes">
        ${describeScopes(request.scopes).map(
          (line) =>
            html`<li data-scope="${line.scope}">
              ${line.admin ? html`<strong>${line.text}</strong>` : line.text}
            </li>`,
        )}
      </ul>
      ${
        isOobUri(request.redirectUri)
          ? html`<p class="muted">You will be shown a code to paste into the app.</p>`
          : html`<p class="muted">Then you go back to <code>${request.redirectUri}</code>.</p>`
      }
      <div class="actions">
        <form method="post" action="/oauth/authorize">
          ${csrfField(c)}
          <input type="hidden" name="_method" value="delete" />
          ${hidden}
          <button type="submit" class="secondary">Deny</button>
        </form>
        <form method="post" action="/oauth/authorize">
          ${csrfField(c)} ${hidden}
          <button type="submit">Authorize</button>
        </form>
      </div>
      <form
        method="post"
        action="/auth/sign_out"
        style="display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; margin-top: 24px; padding-top: 16px; border-top: 1px solid var(--border)"
      >
        ${csrfField(c)}
        <input type="hidden" name="return_to" value="${authorizePath(request)}" />
        <span class="muted">Not ${handle}?</span>
        <button type="submit" class="secondary" style="white-space: nowrap">Switch account</button>
      </form>`,
  });
}

/** Authorize or deny, from the consent form (or a DELETE). */
async function answer(c: Context<WebEnv>, body: Record<string, unknown>, denied: boolean) {
  const request = await check(
    c,
    authorizationParams((name) => body[name]),
  );
  if (request instanceof Response) return request;
  const signedIn = await currentSession(c);
  if (!signedIn) return c.redirect(signInPath(authorizePath(request)), 303);
  return denied ? deny(c, request) : approve(c, request, signedIn);
}

export function oauthAuthorizePages(): Hono<WebEnv> {
  return new Hono<WebEnv>()
    .get('/oauth/authorize', async (c) => {
      c.header('Cache-Control', 'private, no-store');
      const request = await check(
        c,
        authorizationParams((name) => c.req.query(name)),
      );
      if (request instanceof Response) return request;
      if (truthy(c.req.query('force_login'))) return c.redirect(signInPath(authorizePath(request)));
      const signedIn = await currentSession(c);
      if (!signedIn) return c.redirect(signInPath(authorizePath(request)));
      const known = await hasMatchingToken(
        c.var.deps,
        request.application.id,
        signedIn.account.id,
        request.scopes,
      );
      return known ? approve(c, request, signedIn) : consentPage(c, request, signedIn);
    })
    .get('/oauth/authorize/native', (c) => nativeCodePage(c))
    .post('/oauth/authorize', verifyCsrf(), async (c) => {
      const body = await c.req.parseBody();
      return answer(c, body, body._method === 'delete');
    })
    .delete('/oauth/authorize', verifyCsrf(), async (c) =>
      answer(c, await c.req.parseBody(), true),
    );
}
