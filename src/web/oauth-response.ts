/**
 * Sending the outcome of the consent page back to the app, the way it asked
 * (`response_mode`): a redirect with the code in the query (the default) or the fragment, a
 * self-submitting form (`form_post`), or, for `urn:ietf:wg:oauth:2.0:oob`, a page showing the
 * code to copy by hand. Problems with the request itself are shown as a page, never sent on.
 */
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AuthorizationRequest } from '../domain/oauth/authorization-request.ts';
import { isOobUri, withResponseParams } from '../domain/oauth/redirect-uris.ts';
import type { WebEnv } from './env.ts';
import { renderPage } from './render.ts';

type Outcome = { code: string } | { error: 'access_denied'; error_description: string };

/** Answers the app with a code, or with `access_denied` when the user said no. */
export function respondToApp(
  c: Context<WebEnv>,
  request: AuthorizationRequest,
  outcome: Outcome,
): Response | Promise<Response> {
  const params = { ...outcome, state: request.state };
  if (isOobUri(request.redirectUri)) {
    if ('code' in outcome) {
      return c.redirect(`/oauth/authorize/native?${new URLSearchParams({ code: outcome.code })}`);
    }
    return oauthErrorPage(c, { status: 400, description: outcome.error_description });
  }
  if (request.responseMode === 'form_post') {
    const fields = Object.entries(params).filter(([, value]) => value);
    return renderPage(c, {
      title: `Back to ${request.application.name}`,
      body: html`<h1>Back to ${request.application.name}</h1>
        <form method="post" action="${request.redirectUri}">
          ${fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
          <p>Taking you back to the app…</p>
          <noscript
            ><div class="actions"><button type="submit">Continue</button></div></noscript
          >
        </form>
        <script>
          ${raw('document.forms[0].submit();')};
        </script>`,
    });
  }
  return c.redirect(withResponseParams(request.redirectUri, params, request.responseMode), 302);
}

/** `GET /oauth/authorize/native?code=...`: the code of an out-of-band app, to copy by hand. */
export function nativeCodePage(c: Context<WebEnv>): Promise<Response> {
  const code = c.req.query('code') ?? '';
  return renderPage(c, {
    title: 'Authorization code',
    body: html`<h1>Authorization code</h1>
      <p>Copy this code and paste it into the app:</p>
      <p><code id="authorization_code">${code}</code></p>
      <p class="muted">It works once, within ten minutes.</p>`,
  });
}

/** Doorkeeper's error page: what went wrong with the request, with its OAuth status. */
export function oauthErrorPage(
  c: Context<WebEnv>,
  error: { status: number; description: string },
): Promise<Response> {
  return renderPage(c, {
    title: 'An error has occurred',
    status: error.status as ContentfulStatusCode,
    body: html`<h1>An error has occurred</h1>
      <p class="error" role="alert">${error.description}</p>
      <p class="muted">Go back to the app and try again, or tell its developers.</p>`,
  });
}
