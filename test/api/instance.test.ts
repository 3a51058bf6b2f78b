import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateSettings } from '../../src/domain/instance/settings.ts';
import { addRule } from '../../src/domain/instance/rules.ts';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('GET /api/v2/instance has Mastodon’s shape, version, limits and real counts', async (t) => {
    const w = await startTestWoolly(t, kind);
    await updateSettings(w.deps, {
      site_title: 'Wool Land',
      site_short_description: 'Soft posts',
      site_contact_email: 'staff@woolly.test',
      max_status_characters: 1000,
    });
    const res = await w.request('/api/v2/instance');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'max-age=180, public');
    const body = await res.json();
    assertEntity(body, 'Instance');
    assert.equal(body.domain, 'woolly.test');
    assert.equal(body.title, 'Wool Land');
    assert.equal(body.description, 'Soft posts');
    assert.match(body.version, /^4\.\d+\.\d+ \(compatible; Woolly \d+\.\d+\.\d+.*\)$/);
    assert.equal(body.api_versions.mastodon, 2);
    assert.equal(body.configuration.urls.streaming, 'wss://woolly.test');
    assert.equal(body.configuration.statuses.max_characters, 1000);
    assert.equal(body.configuration.statuses.characters_reserved_per_url, 23);
    assert.equal(body.configuration.translation.enabled, false);
    assert.ok(body.configuration.media_attachments.supported_mime_types.includes('image/png'));
    assert.deepEqual(body.contact, { email: 'staff@woolly.test', account: null });
    assert.deepEqual(body.registrations, {
      enabled: true,
      approval_required: false,
      reason_required: false,
      message: null,
      min_age: null,
      url: null,
    });
    assert.deepEqual(body.rules, []);
    assert.equal(body.usage.users.active_month, 0);
  });

  test('the instance reports its registrations mode, closed message and minimum age', async (t) => {
    const w = await startTestWoolly(t, kind);
    await updateSettings(w.deps, { registrations_mode: 'approved', require_invite_text: true });
    let body = await (await w.request('/api/v2/instance')).json();
    assert.equal(body.registrations.enabled, true);
    assert.equal(body.registrations.approval_required, true);
    assert.equal(body.registrations.reason_required, true);
    const v1 = await (await w.request('/api/v1/instance')).json();
    assert.equal(v1.registrations, true);
    assert.equal(v1.approval_required, true);

    await updateSettings(w.deps, {
      registrations_mode: 'none',
      closed_registrations_message: 'Closed <for now>.\nAsk https://example.com',
      min_age: 16,
    });
    await assert.rejects(updateSettings(w.deps, { min_age: 1.5 }), { status: 422 });
    body = await (await w.request('/api/v2/instance')).json();
    assert.equal(body.registrations.enabled, false);
    assert.equal(body.registrations.min_age, 16);
    assert.equal(
      body.registrations.message,
      '<p>Closed &lt;for now&gt;.<br />Ask <a href="https://example.com" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">example.com</span><span class="invisible"></span></a></p>',
    );
  });

  test('the contact account and the rules appear in both instance entities', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account } = await makeAccount(w.deps, { username: 'team', role: 'Admin' });
    await updateSettings(w.deps, { site_contact_username: '@team' });
    const first = await addRule(w.deps, { text: 'Be kind', hint: 'No harassment.' });
    const second = await addRule(w.deps, { text: '  No spam  ' });

    const v2 = await (await w.request('/api/v2/instance')).json();
    assertEntity(v2, 'Instance');
    assert.equal(v2.contact.account.id, account.id);
    assert.deepEqual(v2.contact.account.roles, [{ id: '2', name: 'Admin', color: '' }]);
    assert.deepEqual(v2.rules, [
      { id: first.id, text: 'Be kind', hint: 'No harassment.' },
      { id: second.id, text: 'No spam', hint: '' },
    ]);

    const v1 = await (await w.request('/api/v1/instance')).json();
    assertEntity(v1, 'V1_Instance');
    assert.equal(v1.contact_account.acct, 'team');
    assert.deepEqual(v1.rules, v2.rules);

    const rules = await w.request('/api/v1/instance/rules');
    assert.equal(rules.status, 200);
    const list = await rules.json();
    for (const rule of list) assertEntity(rule, 'Rule');
    assert.deepEqual(list, v2.rules);
  });

  test('GET /api/v1/instance counts confirmed users, local posts and known domains', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account: alice } = await makeAccount(w.deps);
    const { account: bob } = await makeAccount(w.deps);
    await makeAccount(w.deps, { confirmed: false });
    await updateAccount(w.deps.db, alice.id, { suspendedAt: w.clock.now() });
    // Counters are kept by the posting service; here they are set as it would leave them.
    await w.deps.db.run('UPDATE accounts SET statuses_count = 7 WHERE id = ?', [bob.id]);
    const body = await (await w.request('/api/v1/instance')).json();
    assertEntity(body, 'V1_Instance');
    assert.deepEqual(body.stats, { user_count: 1, status_count: 7, domain_count: 0 });
    assert.equal(body.uri, 'woolly.test');
    assert.equal(body.urls.streaming_api, 'wss://woolly.test');
    assert.equal(body.thumbnail, 'https://woolly.test/images/preview.png');
  });

  test('instance endpoints ignore tokens, even revoked or unknown ones', async (t) => {
    const w = await startTestWoolly(t, kind);
    for (const path of ['/api/v1/instance', '/api/v2/instance', '/api/v1/instance/rules']) {
      const res = await w.request(path, { token: 'not-a-token' });
      assert.equal(res.status, 200, path);
    }
  });

  test('the default images the entities link to are real PNGs', async (t) => {
    const w = await startTestWoolly(t, kind);
    const instance = await (await w.request('/api/v2/instance')).json();
    const urls = [
      'https://woolly.test/avatars/original/missing.png',
      'https://woolly.test/headers/original/missing.png',
      instance.thumbnail.url,
      ...instance.icon.map((i: { src: string }) => i.src),
    ];
    for (const url of urls) {
      const res = await w.request(new URL(url).pathname);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), 'image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
      assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
    }
    const icon = instance.icon.find((i: { size: string }) => i.size === '192x192');
    const bytes = Buffer.from(await (await w.request(new URL(icon.src).pathname)).arrayBuffer());
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [192, 192]);
  });
});
