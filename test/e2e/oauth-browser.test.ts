/**
 * The whole OAuth flow as a person and an app live it: a real Woolly listening on a port, a
 * real headless Chromium signing in and approving on the consent page, an app-side HTTP server
 * receiving the code, and the code exchanged with its PKCE verifier for a working token.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The app's redirect target: answers the browser and hands over the query it received. */
async function callbackServer(): Promise<{ url: string; received: Promise<URL>; server: Server }> {
  let deliver!: (url: URL) => void;
  const received = new Promise<URL>((resolve) => (deliver = resolve));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.');
    if (url.pathname === '/callback') deliver(url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/callback`, received, server };
}

forEachDatabase((kind) => {
  test(
    'register, sign in and approve in Chromium, exchange with PKCE, call the API',
    { timeout: 120_000 },
    async (t) => {
      const port = await freePort();
      const w = await startTestWoolly(t, kind, {
        PORT: String(port),
        BIND: '127.0.0.1',
        LOCAL_DOMAIN: `127.0.0.1:${port}`,
        LOCAL_HTTPS: 'false',
      });
      await w.listen();
      const base = `http://127.0.0.1:${port}`;
      const { user } = await makeAccount(w.deps, { username: 'dana' });
      const callback = await callbackServer();
      t.after(() => new Promise<void>((resolve) => callback.server.close(() => resolve())));

      const registered = await fetch(`${base}/api/v1/apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_name: 'Browser Test App',
          redirect_uris: [callback.url],
          scopes: 'read write',
          website: 'https://browser-test.example',
        }),
      });
      assert.equal(registered.status, 200);
      const app = (await registered.json()) as { client_id: string; client_secret: string };

      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const authorize = `${base}/oauth/authorize?${new URLSearchParams({
        client_id: app.client_id,
        redirect_uri: callback.url,
        response_type: 'code',
        scope: 'read write',
        state: 'e2e-state',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })}`;

      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      t.after(() => browser.close());
      const page = await browser.newPage();
      await page.goto(authorize);
      assert.equal(new URL(page.url()).pathname, '/auth/sign_in');
      await page.getByLabel('E-mail address').fill(user.email);
      await page.getByLabel('Password').fill('password123');
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('heading', { name: 'Authorize Browser Test App?' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/oauth/authorize');
      assert.ok(await page.getByText('@dana@127.0.0.1').first().isVisible());
      const screenshot = join(tmpdir(), `woolly-consent-${kind}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      t.diagnostic(`consent page: ${screenshot}`);

      await page.getByRole('button', { name: 'Authorize', exact: true }).click();
      const back = await callback.received;
      assert.equal(back.searchParams.get('state'), 'e2e-state');
      const code = back.searchParams.get('code');
      assert.ok(code);

      const exchanged = await fetch(`${base}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: callback.url,
          client_id: app.client_id,
          client_secret: app.client_secret,
          code_verifier: verifier,
        }),
      });
      assert.equal(exchanged.status, 200);
      const token = (await exchanged.json()) as { access_token: string; scope: string };
      assert.equal(token.scope, 'read write');

      const verified = await fetch(`${base}/api/v1/accounts/verify_credentials`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      });
      assert.equal(verified.status, 200);
      const account = (await verified.json()) as { username: string; acct: string };
      assert.equal(account.username, 'dana');
      assert.equal(account.acct, 'dana');
    },
  );
});
