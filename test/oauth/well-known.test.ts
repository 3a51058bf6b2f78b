import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const granular = (parent: string, children: string[]) => children.map((c) => `${parent}:${c}`);
const adminChildren = [
  'accounts',
  'reports',
  'domain_allows',
  'domain_blocks',
  'ip_blocks',
  'email_domain_blocks',
  'canonical_email_blocks',
];

forEachDatabase((kind) => {
  test('GET /.well-known/oauth-authorization-server describes what Woolly does', async (t) => {
    const w = await startTestWoolly(t, kind);
    const res = await w.request('/.well-known/oauth-authorization-server');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      issuer: 'https://woolly.test/',
      service_documentation: 'https://docs.joinmastodon.org/',
      authorization_endpoint: 'https://woolly.test/oauth/authorize',
      token_endpoint: 'https://woolly.test/oauth/token',
      app_registration_endpoint: 'https://woolly.test/api/v1/apps',
      revocation_endpoint: 'https://woolly.test/oauth/revoke',
      userinfo_endpoint: 'https://woolly.test/oauth/userinfo',
      // Mastodon's order: its default scope, then its optional scopes as configured.
      scopes_supported: [
        'read',
        'write',
        ...granular('write', [
          'accounts',
          'blocks',
          'bookmarks',
          'conversations',
          'favourites',
          'filters',
          'follows',
          'lists',
          'media',
          'mutes',
          'notifications',
          'reports',
          'statuses',
        ]),
        ...granular('read', [
          'accounts',
          'blocks',
          'bookmarks',
          'favourites',
          'filters',
          'follows',
          'lists',
          'mutes',
          'notifications',
          'search',
          'statuses',
        ]),
        'follow',
        'push',
        'profile',
        'admin:read',
        ...granular('admin:read', adminChildren),
        'admin:write',
        ...granular('admin:write', adminChildren),
      ],
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: [
        'authorization_code',
        'password',
        'client_credentials',
        'refresh_token',
      ],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
});

forEachDatabase((kind) => {
  test('browser apps may call the OAuth endpoints from any origin, without cookies', async (t) => {
    const w = await startTestWoolly(t, kind);
    const preflight = await w.request('/oauth/token', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://web-client.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods')!, /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /authorization/);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);

    const revoke = await w.request('/oauth/revoke', {
      method: 'POST',
      headers: { origin: 'https://web-client.example' },
    });
    assert.equal(revoke.headers.get('access-control-allow-origin'), '*');
    const metadata = await w.request('/.well-known/oauth-authorization-server', {
      headers: { origin: 'https://web-client.example' },
    });
    assert.equal(metadata.headers.get('access-control-allow-origin'), '*');
  });
});
