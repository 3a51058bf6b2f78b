import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAccountById, updateAccount } from '../../src/db/repositories/accounts.ts';
import { revokeAccessToken } from '../../src/db/repositories/oauth-tokens.ts';
import { updateUser } from '../../src/db/repositories/users.ts';
import { issueAccessToken } from '../../src/domain/oauth/tokens.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAccount, makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

const verify = (w: TestWoolly, token?: string) =>
  w.request('/api/v1/accounts/verify_credentials', { token });
const update = (w: TestWoolly, token: string, json: unknown) =>
  w.request('/api/v1/accounts/update_credentials', { method: 'PATCH', token, json });

const link = (href: string, shown: string, rel = 'nofollow noopener') =>
  `<a href="${href}" target="_blank" rel="${rel}" translate="no"><span class="invisible">https://</span><span class="">${shown}</span><span class="invisible"></span></a>`;

forEachDatabase((kind) => {
  test('verify_credentials: the own account with source and role', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps, {
      account: { username: 'alice' },
    });
    const res = await verify(w, token);
    assert.equal(res.status, 200);
    const body = await res.json();
    assertEntity(body, 'CredentialAccount');
    assert.equal(body.id, account.id);
    assert.equal(body.acct, 'alice');
    assert.equal(body.url, 'https://woolly.test/@alice');
    assert.equal(body.uri, 'https://woolly.test/users/alice');
    assert.equal(body.created_at, '2026-11-01T00:00:00.000Z');
    assert.equal(body.avatar, 'https://woolly.test/avatars/original/missing.png');
    assert.equal(body.header_static, 'https://woolly.test/headers/original/missing.png');
    assert.deepEqual(body.source, {
      privacy: 'public',
      sensitive: false,
      language: '',
      quote_policy: 'public',
      note: '',
      fields: [],
      follow_requests_count: 0,
      hide_collections: null,
      discoverable: null,
      indexable: false,
    });
    assert.deepEqual(body.role, {
      id: '-99',
      name: '',
      color: '',
      permissions: '65536',
      highlighted: false,
    });
    assert.deepEqual(body.roles, []);
  });

  test('staff show their highlighted role', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps, { account: { role: 'Owner' } });
    const body = await (await verify(w, token)).json();
    assert.deepEqual(body.roles, [{ id: '3', name: 'Owner', color: '' }]);
    assert.equal(body.role.permissions, '1048575');
    assert.equal(body.role.highlighted, true);
  });

  test('verify_credentials takes read, read:accounts or profile, and a usable user', async (t) => {
    const w = await startTestWoolly(t, kind);
    for (const scopes of [['read'], ['read:accounts'], ['profile']]) {
      const { token } = await makeUserWithToken(w.deps, { scopes });
      assert.equal((await verify(w, token)).status, 200, scopes.join());
    }
    const writeOnly = await makeUserWithToken(w.deps, { scopes: ['write'] });
    let res = await verify(w, writeOnly.token);
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'This action is outside the authorized scopes' });

    res = await verify(w);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'The access token is invalid' });
    res = await verify(w, 'no-such-token');
    assert.equal(res.status, 401);

    const app = await makeAppToken(w.deps, ['read']);
    res = await verify(w, app.token);
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), { error: 'This method requires an authenticated user' });

    const disabled = await makeUserWithToken(w.deps);
    await updateUser(w.deps.db, disabled.user.id, { disabled: true });
    res = await verify(w, disabled.token);
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'Your login is currently disabled' });
  });

  test('revoked and expired tokens are refused with 401', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, application, token } = await makeUserWithToken(w.deps);
    const expiring = await issueAccessToken(w.deps, {
      applicationId: application.id,
      accountId: account.id,
      scopes: ['read'],
      lifetimeMs: 60_000,
    });
    assert.equal((await verify(w, expiring.accessToken)).status, 200);
    w.clock.advance(60_001);
    let res = await verify(w, expiring.accessToken);
    assert.equal(res.status, 401);
    assert.match((await res.json()).error, /^The access token (expired|is invalid)$/);

    const record = await w.deps.db.get<{ id: string }>(
      'SELECT id FROM oauth_access_tokens WHERE account_id = ? AND expires_at IS NULL',
      [account.id],
    );
    await revokeAccessToken(w.deps.db, String(record!.id), w.clock.now());
    res = await verify(w, token);
    assert.equal(res.status, 401);
    assert.match((await res.json()).error, /^The access token (was revoked|is invalid)$/);
  });

  test('update_credentials changes the profile and renders bio and fields like Mastodon', async (t) => {
    const w = await startTestWoolly(t, kind);
    await makeAccount(w.deps, { username: 'bob' });
    const { account, token } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const updated: string[] = [];
    w.deps.events.on('account.updated', (e) => void updated.push(e.accountId));
    const note = 'Knitter & <coder>\n\nSee https://example.com/a and #wool, hi @bob and @nobody';
    const res = await update(w, token, {
      display_name: '  Alice  ',
      note,
      locked: true,
      bot: 'true',
      discoverable: '1',
      hide_collections: true,
      indexable: 'false',
      fields_attributes: [
        { name: 'Site', value: 'https://alice.example.com' },
        { name: 'Pronouns', value: "she/her, it's" },
        { name: '', value: '' },
      ],
      source: { privacy: 'unlisted', sensitive: true, language: 'de' },
      unknown_parameter: 'ignored',
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assertEntity(body, 'CredentialAccount');
    assert.equal(body.display_name, 'Alice');
    assert.equal(
      body.note,
      '<p>Knitter &amp; &lt;coder&gt;</p><p>See ' +
        link('https://example.com/a', 'example.com/a') +
        ' and <a href="https://woolly.test/tags/wool" class="mention hashtag" rel="tag">#<span>wool</span></a>, hi ' +
        '<span class="h-card" translate="no"><a href="https://woolly.test/@bob" class="u-url mention">@<span>bob</span></a></span>' +
        ' and @nobody</p>',
    );
    assert.equal(body.source.note, note);
    assert.deepEqual(body.fields, [
      {
        name: 'Site',
        value: link('https://alice.example.com', 'alice.example.com', 'nofollow noopener me'),
        verified_at: null,
      },
      { name: 'Pronouns', value: 'she/her, it&#39;s', verified_at: null },
    ]);
    assert.deepEqual(body.source.fields, [
      { name: 'Site', value: 'https://alice.example.com', verified_at: null },
      { name: 'Pronouns', value: "she/her, it's", verified_at: null },
    ]);
    assert.equal(body.locked, true);
    assert.equal(body.bot, true);
    assert.equal(body.discoverable, true);
    assert.equal(body.indexable, false);
    assert.equal(body.hide_collections, true);
    assert.equal(body.source.privacy, 'unlisted');
    assert.equal(body.source.sensitive, true);
    assert.equal(body.source.language, 'de');
    assert.deepEqual(updated, [account.id]);

    // It was stored, not only answered.
    const again = await (await verify(w, token)).json();
    assert.deepEqual(again, body);
    assert.equal((await findAccountById(w.deps.db, account.id))?.actorType, 'Service');
  });

  test('update_credentials takes form bodies with Rails bracket keys', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const form = new URLSearchParams([
      ['display_name', 'Formy'],
      ['fields_attributes[0][name]', 'One'],
      ['fields_attributes[0][value]', '1'],
      ['fields_attributes[1][name]', 'Two'],
      ['fields_attributes[1][value]', '2'],
      ['source[privacy]', 'private'],
      ['source[sensitive]', '0'],
      ['locked', 'false'],
    ]);
    const res = await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.display_name, 'Formy');
    assert.deepEqual(
      body.fields.map((f: { name: string; value: string }) => [f.name, f.value]),
      [
        ['One', '1'],
        ['Two', '2'],
      ],
    );
    assert.equal(body.source.privacy, 'private');
    assert.equal(body.source.sensitive, false);
  });

  test('one bad field fails the whole update with Mastodon’s 422 and changes nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps);
    const events: string[] = [];
    w.deps.events.on('account.updated', (e) => void events.push(e.accountId));
    const before = await (await verify(w, token)).json();

    const res = await update(w, token, {
      display_name: 'x'.repeat(31),
      note: 'fine',
      locked: true,
      source: { privacy: 'direct', language: 'xx' },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), {
      error:
        'Validation failed: Display name is too long (maximum is 30 characters), Posting privacy is not included in the list, Posting language is not included in the list',
      details: {
        display_name: [
          { error: 'ERR_TOO_LONG', description: 'is too long (maximum is 30 characters)' },
        ],
        'source[privacy]': [{ error: 'ERR_INCLUSION', description: 'is not included in the list' }],
        'source[language]': [
          { error: 'ERR_INCLUSION', description: 'is not included in the list' },
        ],
      },
    });
    assert.deepEqual(await (await verify(w, token)).json(), before);
    assert.equal((await findAccountById(w.deps.db, account.id))?.note, '');
    assert.deepEqual(events, []);
  });

  test('Mastodon’s profile limits: bio length with URLs as 23, four fields, labels', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    let res = await update(w, token, { note: 'x'.repeat(501) });
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).details, {
      note: [{ error: 'ERR_TOO_LONG', description: 'is too long (maximum is 500 characters)' }],
    });
    // 470 characters and a 200-character URL count as 470 + 1 + 23.
    res = await update(w, token, {
      note: `${'y'.repeat(470)} https://example.com/${'p'.repeat(180)}`,
    });
    assert.equal(res.status, 200);
    // The display name counts code points, as Ruby's String#length does: an emoji outside the
    // Basic Multilingual Plane is one, a family joined by zero-width joiners is five.
    res = await update(w, token, { display_name: '😀'.repeat(30) });
    assert.equal(res.status, 200);
    res = await update(w, token, { display_name: '👩‍👩‍👧'.repeat(7) });
    assert.equal(res.status, 422);

    const five = Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    res = await update(w, token, { fields_attributes: five });
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).details, {
      fields: [{ error: 'ERR_TOO_LONG', description: 'is too long (maximum is 4 characters)' }],
    });
    res = await update(w, token, { fields_attributes: { 0: { name: '', value: 'orphan' } } });
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).details, {
      fields: [
        {
          error: 'ERR_FIELDS_WITH_VALUES_MISSING_LABELS',
          description: 'contains values with missing labels',
        },
      ],
    });
    // Overlong names and values are cut to 255 characters, as Mastodon cuts them.
    res = await update(w, token, { fields_attributes: [{ name: 'n'.repeat(300), value: 'v' }] });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).fields[0].name.length, 255);
  });

  test('a field keeps its verification while its value is unchanged', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps);
    await update(w, token, { fields_attributes: [{ name: 'Site', value: 'https://a.example' }] });
    const stored = (await findAccountById(w.deps.db, account.id))!;
    await updateAccount(w.deps.db, account.id, {
      fields: [{ ...stored.fields[0]!, verified_at: '2026-10-01T10:00:00.000+00:00' }],
    });
    let body = await (
      await update(w, token, {
        fields_attributes: [
          { name: 'Website', value: 'https://a.example' },
          { name: 'Other', value: 'https://b.example' },
        ],
      })
    ).json();
    assert.deepEqual(
      body.fields.map((f: { verified_at: string | null }) => f.verified_at),
      ['2026-10-01T10:00:00.000+00:00', null],
    );
    body = await (
      await update(w, token, {
        fields_attributes: [{ name: 'Website', value: 'https://c.example' }],
      })
    ).json();
    assert.equal(body.fields[0].verified_at, null);
  });

  test('update_credentials needs write or write:accounts and a user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const readOnly = await makeUserWithToken(w.deps, { scopes: ['read'] });
    let res = await update(w, readOnly.token, { display_name: 'x' });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'This action is outside the authorized scopes' });
    const granular = await makeUserWithToken(w.deps, { scopes: ['write:accounts'] });
    res = await update(w, granular.token, { display_name: 'x' });
    assert.equal(res.status, 200);
    res = await w.request('/api/v1/accounts/update_credentials', { method: 'PATCH', json: {} });
    assert.equal(res.status, 401);
    const app = await makeAppToken(w.deps, ['write']);
    res = await update(w, app.token, { display_name: 'x' });
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), { error: 'This method requires an authenticated user' });
    const bad = await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: granular.token,
      headers: { 'content-type': 'application/json' },
      body: '{"display_name": ',
    });
    assert.equal(bad.status, 400);
    const badForm = await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: granular.token,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="display_name"\r\n\r\nhalf',
    });
    assert.equal(badForm.status, 400);
    assert.match((await badForm.json()).error, /^Error occurred while parsing request parameters/);
    // An empty update changes nothing and answers the account as it is.
    const me = await (await update(w, granular.token, {})).json();
    assert.equal(me.display_name, 'x');
  });
});
