/**
 * What the OAuth tests share: registering an app through the API, PKCE pairs, the URL of the
 * consent page, and signing in through the real sign-in form.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { webBrowser } from '../helpers/web-form.ts';
import type { TestWoolly } from '../helpers/woolly.ts';

export interface RegisteredApp {
  id: string;
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  scopes: string[];
}

export async function registerApp(
  w: TestWoolly,
  body: Record<string, unknown> = {},
): Promise<RegisteredApp> {
  const res = await w.request('/api/v1/apps', {
    method: 'POST',
    json: {
      client_name: 'Test app',
      redirect_uris: 'https://app.example/callback',
      scopes: 'read write follow push',
      ...body,
    },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as RegisteredApp;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizePath(app: RegisteredApp, params: Record<string, string> = {}): string {
  return `/oauth/authorize?${new URLSearchParams({
    client_id: app.client_id,
    redirect_uri: app.redirect_uris[0]!,
    response_type: 'code',
    scope: 'read write',
    ...params,
  })}`;
}

/** A browser signed in through `/auth/sign_in` with the factories' password. */
export async function signedInBrowser(w: TestWoolly, email: string) {
  const browser = webBrowser(w);
  await browser.get('/auth/sign_in');
  const res = await browser.post('/auth/sign_in', { email, password: 'password123' });
  assert.equal(res.status, 303, res.html);
  return browser;
}

/** POSTs form fields to `/oauth/token` as an app would. */
export function tokenRequest(w: TestWoolly, fields: Record<string, string>, headers = {}) {
  return w.request('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Approves the consent page shown for `path` and returns the redirect's query. */
export async function approve(browser: ReturnType<typeof webBrowser>, path: string) {
  const consent = await browser.get(path);
  assert.equal(consent.status, 200, consent.html);
  const fields = hiddenFields(consent.html, 'Authorize');
  const res = await browser.post('/oauth/authorize', fields);
  assert.equal(res.status, 302, res.html);
  return new URL(res.headers.get('location')!);
}

/** The hidden fields of the form whose submit button says `button`. */
export function hiddenFields(html: string, button: string): Record<string, string> {
  const form = html
    .split('<form')
    .find((part) => part.includes(`>${button}</button>`) || part.includes(`>\n${button}`));
  assert.ok(form, `no form with a ${button} button`);
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[match[1]!] = decodeEntities(match[2]!);
  }
  return fields;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
