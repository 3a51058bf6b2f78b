/**
 * Woolly driven by masto.js, the client library Elk and Phanpy are built on, over real HTTP:
 * if the library reads our answers as it reads Mastodon's, the apps built on it will too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { makeAccount } from '../helpers/factories.ts';
import { startListeningWoolly } from '../helpers/listening.ts';
import { forEachDatabase } from '../helpers/woolly.ts';

async function signIn(base: string, email: string, scopes = 'read write follow push') {
  const anonymous = createRestAPIClient({ url: base });
  const app = await anonymous.v1.apps.create({
    clientName: 'masto.js test',
    redirectUris: 'urn:ietf:wg:oauth:2.0:oob',
    scopes,
    website: 'https://example.org',
  });
  assert.ok(app.clientId && app.clientSecret);
  const oauth = createOAuthAPIClient({ url: base });
  const token = await oauth.token.create({
    grantType: 'password',
    redirectUri: 'urn:ietf:wg:oauth:2.0:oob',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    username: email,
    password: 'password123',
    scope: scopes,
  });
  return { app, client: createRestAPIClient({ url: base, accessToken: token.accessToken }) };
}

forEachDatabase((kind) => {
  test('an app registers, signs in and reads and edits the account', async (t) => {
    const w = await startListeningWoolly(t, kind);
    await makeAccount(w.deps, { username: 'alice', email: 'alice@example.com' });
    const { client } = await signIn(w.base, 'alice@example.com');

    const me = await client.v1.accounts.verifyCredentials();
    assert.equal(me.username, 'alice');
    assert.equal(me.acct, 'alice');
    assert.equal(typeof me.id, 'string');
    assert.equal(me.source.privacy, 'public');

    const updated = await client.v1.accounts.updateCredentials({
      displayName: 'Alice A.',
      note: 'Hello https://example.org #woolly',
      locked: true,
      fieldsAttributes: [{ name: 'Site', value: 'https://example.org' }],
      source: { privacy: 'unlisted', language: 'en' },
    });
    assert.equal(updated.displayName, 'Alice A.');
    assert.equal(updated.locked, true);
    assert.match(updated.note, /<a href="https:\/\/example.org"/);
    assert.equal(updated.fields[0]?.name, 'Site');
    assert.equal(updated.source.privacy, 'unlisted');

    const looked = await client.v1.accounts.lookup({ acct: 'alice' });
    assert.equal(looked.id, me.id);
    const fetched = await client.v1.accounts.$select(me.id).fetch();
    assert.equal(fetched.displayName, 'Alice A.');

    const instance = await client.v2.instance.fetch();
    assert.match(instance.version, /^4\.\d+\.\d+ \(compatible; Woolly /);
    assert.equal(instance.configuration.statuses.maxCharacters, 500);
    const preferences = await client.v1.preferences.fetch();
    assert.equal(preferences['posting:default:visibility'], 'unlisted');
  });

  test('sign-up through the API answers like Mastodon, errors included', async (t) => {
    const w = await startListeningWoolly(t, kind);
    const anonymous = createRestAPIClient({ url: w.base });
    const app = await anonymous.v1.apps.create({
      clientName: 'signup',
      redirectUris: 'urn:ietf:wg:oauth:2.0:oob',
      scopes: 'read write',
    });
    const oauth = createOAuthAPIClient({ url: w.base });
    const appToken = await oauth.token.create({
      grantType: 'client_credentials',
      redirectUri: 'urn:ietf:wg:oauth:2.0:oob',
      clientId: app.clientId!,
      clientSecret: app.clientSecret!,
      scope: 'read write',
    });
    const client = createRestAPIClient({ url: w.base, accessToken: appToken.accessToken });
    const token = await client.v1.accounts.create({
      username: 'bob',
      email: 'bob@example.com',
      password: 'password123',
      agreement: true,
      locale: 'en',
    });
    assert.equal(token.tokenType, 'Bearer');
    await assert.rejects(
      client.v1.accounts.create({
        username: 'bob',
        email: 'x',
        password: '',
        agreement: false,
        locale: 'en',
      }),
      (error: unknown) => {
        const e = error as { statusCode: number; details?: Record<string, { error: string }[]> };
        assert.equal(e.statusCode, 422);
        assert.equal(e.details?.username?.[0]?.error, 'ERR_TAKEN');
        assert.equal(e.details?.agreement?.[0]?.error, 'ERR_ACCEPTED');
        assert.equal(e.details?.password?.[0]?.error, 'ERR_BLANK');
        return true;
      },
    );
  });

  test('posting, interactions, relationships and notifications through the library', async (t) => {
    const w = await startListeningWoolly(t, kind);
    await makeAccount(w.deps, { username: 'carol', email: 'carol@example.com' });
    await makeAccount(w.deps, { username: 'dave', email: 'dave@example.com' });
    const carol = (await signIn(w.base, 'carol@example.com')).client;
    const dave = (await signIn(w.base, 'dave@example.com')).client;
    const carolMe = await carol.v1.accounts.verifyCredentials();
    const daveMe = await dave.v1.accounts.verifyCredentials();

    const relationship = await dave.v1.accounts.$select(carolMe.id).follow();
    assert.equal(relationship.following, true);
    const [seen] = await carol.v1.accounts.relationships.fetch({ id: [daveMe.id] });
    assert.equal(seen?.followedBy, true);

    const posts = [];
    for (let i = 0; i < 5; i++)
      posts.push(await carol.v1.statuses.create({ status: `post ${i} #woolly @dave` }));
    const first = posts[0]!;
    assert.equal(first.account.id, carolMe.id);
    assert.equal(first.mentions[0]?.acct, 'dave');
    assert.equal(first.tags[0]?.name, 'woolly');

    const faved = await dave.v1.statuses.$select(first.id).favourite();
    assert.equal(faved.favourited, true);
    assert.equal(faved.favouritesCount, 1);
    const reblog = await dave.v1.statuses.$select(first.id).reblog();
    assert.equal(reblog.reblog?.id, first.id);

    // The library follows our Link headers page by page.
    const pages = [];
    for await (const page of carol.v1.accounts.$select(carolMe.id).statuses.list({ limit: 2 })) {
      pages.push(page.map((s) => s.id));
    }
    assert.deepEqual(pages.flat(), posts.map((p) => p.id).reverse());
    assert.ok(pages.length >= 3);

    const notifications = await carol.v1.notifications.list({ limit: 40 });
    const types = notifications.map((n) => n.type).sort();
    assert.deepEqual(types, ['favourite', 'follow', 'reblog']);
    const daveMentions = await dave.v1.notifications.list({ types: ['mention'] });
    assert.equal(daveMentions.length, 5);

    const edited = await carol.v1.statuses.$select(first.id).update({ status: 'post 0, edited' });
    assert.ok(edited.editedAt);
    const history = await carol.v1.statuses.$select(first.id).history.list();
    assert.equal(history.length, 2);
    const removed = await carol.v1.statuses.$select(first.id).remove();
    assert.equal(removed.text, 'post 0, edited');
    await assert.rejects(dave.v1.statuses.$select(first.id).fetch(), (e: unknown) => {
      assert.equal((e as { statusCode: number }).statusCode, 404);
      return true;
    });
  });
});
