/**
 * Remote posts' media as a user meets it, on both databases: the attachments arrive with the
 * post (its first `update` event and API read carry them); a domain block rejecting media
 * keeps them as `unknown` links and fetches nothing from that server (attachments, avatars);
 * in lazy mode avatars and headers are fetched on first view, through the media proxy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockDomain } from '../../src/domain/domain-blocks/block-domain.ts';
import { cacheRemoteMedia } from '../../src/domain/remote-media/cache.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { jpeg, png } from './samples.ts';
import { startRemoteFiles } from './remote-server.ts';
import {
  remoteAccount,
  remoteJpeg,
  remotePost,
  runPullJobs,
  startFetchingWoolly,
} from './remote-woolly.ts';

interface StatusJson {
  media_attachments: { id: string; type: string; url: string; remote_url: string }[];
  account: { id: string; avatar: string; header: string };
}

async function showStatus(w: TestWoolly, id: string, token: string): Promise<StatusJson> {
  const res = await w.request(`/api/v1/statuses/${id}`, { token });
  assert.equal(res.status, 200);
  return (await res.json()) as StatusJson;
}

forEachDatabase((kind) => {
  test('a remote post’s attachments are there when its `status.created` is emitted', async (t) => {
    const remote = await startRemoteFiles(t);
    remote.files.set('/a.jpg', { body: await jpeg(64, 48), type: 'image/jpeg' });
    const w = await startFetchingWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const author = await remoteAccount(w.deps);
    const seen: number[] = [];
    const off = w.deps.events.on('status.created', async ({ statusId }) => {
      seen.push((await showStatus(w, statusId, token)).media_attachments.length);
    });
    t.after(off);
    const status = await remotePost(w.deps, author, {
      attachments: [
        remoteJpeg(`${remote.base}/a.jpg`, { description: 'a photo', width: 64, height: 48 }),
      ],
    });
    assert.deepEqual(seen, [1]);
    const [attachment] = (await showStatus(w, status.id, token)).media_attachments;
    assert.equal(attachment!.type, 'image');
    assert.equal(attachment!.remote_url, `${remote.base}/a.jpg`);
    await runPullJobs(w);
    assert.equal(remote.hits.get('/a.jpg'), 1, 'eager mode fetched it on `pull`');
  });

  test('reject_media: attachments kept as unknown links, nothing fetched from the server', async (t) => {
    const remote = await startRemoteFiles(t);
    remote.files.set('/a.jpg', { body: await jpeg(64, 48), type: 'image/jpeg' });
    remote.files.set('/avatar.png', { body: await png(64, 64), type: 'image/png' });
    const w = await startFetchingWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    await blockDomain(w.deps, 'rejected.example', { severity: 'noop', rejectMedia: true });
    const author = await remoteAccount(
      w.deps,
      { avatar: `${remote.base}/avatar.png` },
      'rejected.example',
    );
    const status = await remotePost(w.deps, author, {
      attachments: [
        remoteJpeg(`${remote.base}/a.jpg`, { description: 'a photo', width: 64, height: 48 }),
      ],
    });
    await runPullJobs(w);
    const shown = await showStatus(w, status.id, token);
    const [attachment] = shown.media_attachments;
    assert.equal(attachment!.type, 'unknown');
    assert.equal(attachment!.remote_url, `${remote.base}/a.jpg`);
    assert.equal(shown.account.avatar, `${remote.base}/avatar.png`);
    assert.equal(await cacheRemoteMedia(w.deps, 'attachment', attachment!.id), 'failed');
    assert.equal(await cacheRemoteMedia(w.deps, 'avatar', author.id), 'failed');
    const proxied = await w.request(`/media_proxy/${attachment!.id}/original`);
    assert.equal(proxied.headers.get('location'), `${remote.base}/a.jpg`);
    assert.equal(remote.hits.size, 0, 'nothing was requested from the rejected server');
    assert.deepEqual(await w.deps.media.storage.list('', { limit: 10 }), []);
  });

  test('lazy mode: avatars and headers are fetched on first view', async (t) => {
    const remote = await startRemoteFiles(t);
    remote.files.set('/avatar.png', { body: await png(500, 500), type: 'image/png' });
    remote.files.set('/header.png', { body: await png(600, 200), type: 'image/png' });
    const w = await startFetchingWoolly(t, kind, { MEDIA_CACHE_MODE: 'lazy' });
    const { token } = await makeUserWithToken(w.deps);
    const author = await remoteAccount(w.deps, {
      avatar: `${remote.base}/avatar.png`,
      header: `${remote.base}/header.png`,
    });
    await runPullJobs(w);
    const account = async () => {
      const res = await w.request(`/api/v1/accounts/${author.id}`, { token });
      return (await res.json()) as { avatar: string; avatar_static: string; header: string };
    };
    const before = await account();
    assert.equal(before.avatar, `https://woolly.test/media_proxy/accounts/${author.id}/avatar`);
    assert.equal(before.header, `https://woolly.test/media_proxy/accounts/${author.id}/header`);
    assert.equal(remote.hits.size, 0, 'nothing fetched before someone looks');
    const viewed = await w.request(new URL(before.avatar).pathname);
    assert.equal(viewed.status, 302);
    assert.match(viewed.headers.get('location')!, /\/system\/media\/.*\.png$/);
    assert.equal(remote.hits.get('/avatar.png'), 1);
    const after = await account();
    assert.equal(after.avatar, viewed.headers.get('location'));
    assert.equal(after.header, before.header, 'the header waits for its own first view');
    // Viewed again: the cached copy, no second fetch.
    await w.request(new URL(before.avatar).pathname);
    assert.equal(remote.hits.get('/avatar.png'), 1);
    assert.equal((await w.request(`/media_proxy/accounts/${author.id}/banner`)).status, 404);
    const local = (await makeUserWithToken(w.deps)).account;
    assert.equal((await w.request(`/media_proxy/accounts/${local.id}/avatar`)).status, 404);
  });
});
