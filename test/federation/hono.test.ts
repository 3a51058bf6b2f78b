import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFederation, MemoryKvStore } from '@fedify/fedify';
import { Person } from '@fedify/vocab';
import { Hono } from 'hono';
import { federationMiddleware } from '../../src/federation/hono.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

/** A Hono app behind a Federation that serves actors at /users/{identifier}. */
function appWithActors(htmlProfiles: boolean) {
  const federation = createFederation<null>({ kv: new MemoryKvStore() });
  federation.setActorDispatcher('/users/{identifier}', (ctx, identifier) =>
    identifier === 'alice'
      ? new Person({ id: ctx.getActorUri(identifier), preferredUsername: identifier })
      : null,
  );
  const app = new Hono();
  app.use(federationMiddleware(federation, () => null));
  if (htmlProfiles) app.get('/users/:name', (c) => c.html(`<h1>${c.req.param('name')}</h1>`));
  app.get('/about', (c) => c.text('about'));
  return app;
}

test('Fedify answers ActivityPub requests; other requests reach the routes', async () => {
  const app = appWithActors(true);
  const json = await app.request('https://woolly.test/users/alice', {
    headers: { accept: 'application/activity+json' },
  });
  assert.equal(json.status, 200);
  assert.equal(((await json.json()) as { preferredUsername: string }).preferredUsername, 'alice');

  const html = await app.request('https://woolly.test/users/alice', {
    headers: { accept: 'text/html' },
  });
  assert.equal(await html.text(), '<h1>alice</h1>');
  assert.equal((await app.request('https://woolly.test/about')).status, 200);
  assert.equal((await app.request('https://woolly.test/elsewhere')).status, 404);
});

test('a federation URL asked for as HTML with no page for it is 406, not 404', async () => {
  const app = appWithActors(false);
  const res = await app.request('https://woolly.test/users/alice', {
    headers: { accept: 'text/html' },
  });
  assert.equal(res.status, 406);
  assert.equal(res.headers.get('vary'), 'Accept');
});

forEachDatabase((kind) => {
  test('Woolly mounts Fedify in front of its own routes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const links = await w.request('/.well-known/nodeinfo');
    assert.equal(links.status, 200);
    assert.match(await links.text(), /https:\/\/woolly\.test\/nodeinfo\/2\.1/);
    const nodeinfo = (await (await w.request('/nodeinfo/2.1')).json()) as {
      software: { name: string };
    };
    assert.equal(nodeinfo.software.name, 'woolly');
    assert.equal(await (await w.request('/health')).text(), 'OK');
    assert.equal((await w.request('/api/v1/no-such-thing')).status, 404);
  });
});
