/**
 * The viewer's filters on streams, as on the REST timelines: a `hide` filter keeps matching
 * posts off the home and public streams, a `warn` filter sends them with `filtered`, other
 * viewers are unaffected; changing filters says `filters_changed` on the user stream.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  about,
  forEachShape,
  openSocket,
  person,
  post,
  startStreamingWoolly,
  subscribed,
} from './helpers.ts';

forEachShape((shape) => {
  test('hide and warn filters apply to the home and public streams', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob, carol] = [await person(w), await person(w), await person(w)];
    assert.equal((await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`)).status, 200);
    const hide = await bob.api.post('/api/v2/filters', {
      title: 'no spoilers',
      context: ['home', 'public'],
      filter_action: 'hide',
      keywords_attributes: [{ keyword: 'spoiler' }],
    });
    assert.equal(hide.status, 200, JSON.stringify(hide.body));
    const warn = await bob.api.post('/api/v2/filters', {
      title: 'careful',
      context: ['home', 'public'],
      filter_action: 'warn',
      keywords_attributes: [{ keyword: 'politics' }],
    });
    assert.equal(warn.status, 200, JSON.stringify(warn.body));

    const bobPublic = await openSocket(w, `?stream=public&access_token=${bob.token}`);
    const bobHome = await openSocket(w, `?stream=user&access_token=${bob.token}`);
    const carolPublic = await openSocket(w, `?stream=public&access_token=${carol.token}`);
    await subscribed(w, 'public', 2);
    await subscribed(w, `home:${bob.account.id}`);

    const hidden = await post(w, alice, { status: 'big spoiler ahead' });
    const warned = await post(w, alice, { status: 'some politics today' });
    const plain = await post(w, alice, { status: 'a nice day' });

    for (const reader of [bobPublic, bobHome]) {
      const frame = await reader.next(about('update', warned.id));
      const status = JSON.parse(frame.payload!) as { filtered?: { filter: { title: string } }[] };
      assert.equal(status.filtered?.[0]?.filter.title, 'careful');
      await reader.next(about('update', plain.id));
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(!reader.frames.some(about('update', hidden.id)), 'the hidden post was streamed');
    }
    await carolPublic.next(about('update', hidden.id));
    for (const r of [bobPublic, bobHome, carolPublic]) r.close();
  });

  test('changing filters says filters_changed on the user stream', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const bob = await person(w);
    const home = await openSocket(w, `?stream=user&access_token=${bob.token}`);
    await subscribed(w, `home:${bob.account.id}`);
    const made = await bob.api.post('/api/v2/filters', {
      title: 'x',
      context: ['home'],
      keywords_attributes: [{ keyword: 'x' }],
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const frame = await home.next((f) => f.event === 'filters_changed');
    assert.deepEqual(frame, { stream: ['user'], event: 'filters_changed' });
    home.close();
  });
});
