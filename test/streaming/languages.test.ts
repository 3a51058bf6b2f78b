/**
 * A reader who chose languages (a Mastodon preference) gets public-stream posts in those
 * languages only, and those whose language is unknown; readers who chose none get all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUserByAccountId, updateUser } from '../../src/db/repositories/users.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { about, openSocket, person, post, startStreamingWoolly, subscribed } from './helpers.ts';

forEachDatabase((kind) => {
  test('chosen languages narrow the public stream', async (t) => {
    const w = await startStreamingWoolly(t, kind);
    const [alice, bob, carol] = [await person(w), await person(w), await person(w)];
    const user = await findUserByAccountId(w.deps.db, bob.account.id);
    await updateUser(w.deps.db, user!.id, { chosenLanguages: ['de'] });
    const bobs = await openSocket(w, `?stream=public&access_token=${bob.token}`);
    const carols = await openSocket(w, `?stream=public&access_token=${carol.token}`);
    await subscribed(w, 'public', 2);

    const english = await post(w, alice, { status: 'good morning', language: 'en' });
    const german = await post(w, alice, { status: 'guten Morgen', language: 'de' });
    await bobs.next(about('update', german.id));
    await carols.next(about('update', english.id));
    await carols.next(about('update', german.id));
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(!bobs.frames.some(about('update', english.id)), 'the English post reached bob');
    bobs.close();
    carols.close();
  });
});
