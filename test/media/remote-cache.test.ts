/**
 * The remote media cache on both databases and both storage drivers: remote attachments,
 * avatars and headers fetched on the `pull` queue through the guarded fetcher, processed,
 * stored once per content; served through the media proxy until cached; evicted by the
 * daily retention with time moved forward, and fetched again when someone asks.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { recordRemoteAttachments } from '../../src/domain/remote-media/record-attachments.ts';
import { setRetentionSettings } from '../../src/domain/remote-media/retention-settings.ts';
import { cacheRemoteMedia } from '../../src/domain/remote-media/cache.ts';
import { refreshRemoteMedia } from '../../src/domain/remote-media/refresh.ts';
import { RemoteFetchFailed } from '../../src/domain/media-attachments/ports.ts';
import { createRemoteFetcher } from '../../src/media/remote/fetch.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { jpeg, png } from './samples.ts';
import { startRemoteFiles } from './remote-server.ts';
import {
  remoteAccount,
  remoteJpeg,
  remotePost,
  runPullJobs,
  startFetchingWoolly,
} from './remote-woolly.ts';
import { s3Env, startS3 } from './s3-server.ts';

interface AttachmentJson {
  id: string;
  url: string;
  preview_url: string;
  remote_url: string | null;
  blurhash: string | null;
  meta: { original?: { width: number } };
}

const day = 24 * 3600_000;

async function storedKeys(w: Awaited<ReturnType<typeof startFetchingWoolly>>) {
  return (await w.deps.media.storage.list('', { limit: 1000 })).map((f) => f.key);
}

async function scenario(t: TestContext, kind: DatabaseKind, env: Record<string, string>) {
  const remote = await startRemoteFiles(t);
  const photo = await jpeg(800, 600);
  remote.files.set('/a.jpg', { body: photo, type: 'image/jpeg' });
  remote.files.set('/same-as-a.jpg', { body: photo, type: 'image/jpeg' });
  remote.files.set('/avatar.png', { body: await png(500, 500), type: 'image/png' });
  const w = await startFetchingWoolly(t, kind, env);
  const { token } = await makeUserWithToken(w.deps);

  const author = await remoteAccount(w.deps, { avatar: `${remote.base}/avatar.png` });
  const status = await remotePost(w.deps, author);
  await recordRemoteAttachments(w.deps, status, [
    {
      url: `${remote.base}/a.jpg`,
      mediaType: 'image/jpeg',
      description: 'a cat',
      blurhash: null,
      width: 800,
      height: 600,
      focus: null,
    },
    {
      url: `${remote.base}/redirect/same-as-a.jpg`,
      mediaType: 'image/jpeg',
      description: null,
      blurhash: null,
      width: null,
      height: null,
      focus: { x: 0.5, y: -0.5 },
    },
  ]);
  const show = async () => {
    const res = await w.request(`/api/v1/statuses/${status.id}`, { token });
    assert.equal(res.status, 200);
    return (await res.json()) as {
      media_attachments: AttachmentJson[];
      account: { avatar: string };
    };
  };

  // Not fetched yet: the media proxy stands in, the sender's address is remote_url.
  const before = await show();
  assert.equal(before.media_attachments.length, 2);
  const [first, second] = before.media_attachments as [AttachmentJson, AttachmentJson];
  assert.equal(second.remote_url, `${remote.base}/redirect/same-as-a.jpg`);
  assert.equal(first.url, `https://woolly.test/media_proxy/${first.id}/original`);
  assert.equal(first.preview_url, `https://woolly.test/media_proxy/${first.id}/small`);
  assert.equal(first.remote_url, `${remote.base}/a.jpg`);
  assert.equal(before.account.avatar, `${remote.base}/avatar.png`);
  assert.deepEqual(await storedKeys(w), []);

  // The pull queue fetches both attachments and the avatar (eager mode, the default).
  await runPullJobs(w);
  const after = await show();
  const [a, b] = after.media_attachments as [AttachmentJson, AttachmentJson];
  assert.match(a.url, /\/media\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.jpeg$/);
  assert.equal(a.url, b.url, 'the same file from two addresses is stored once');
  assert.ok(a.blurhash);
  assert.equal(a.meta.original?.width, 800);
  assert.equal(a.remote_url, `${remote.base}/a.jpg`);
  assert.notEqual(after.account.avatar, `${remote.base}/avatar.png`);
  assert.match(after.account.avatar, /\/media\/.*\.png$/);
  // Original + preview of the photo, and the avatar: three files for three remote images.
  assert.equal((await storedKeys(w)).length, 3);
  assert.equal(remote.hits.get('/a.jpg'), 1);

  // Asking again changes nothing: already cached.
  assert.equal(await cacheRemoteMedia(w.deps, 'attachment', a.id), 'already-cached');

  // Retention: a week, then eight days later the daily job evicts the attachments.
  await setRetentionSettings(w.deps, { media_cache_retention_period: 7 });
  const jobs = w.jobs as EmbeddedJobs;
  await jobs.tick();
  w.clock.advance(8 * day);
  await jobs.tick();
  await jobs.runDue({ queues: ['scheduler'] });
  const evicted = await show();
  assert.equal(
    evicted.media_attachments[0]!.url,
    `https://woolly.test/media_proxy/${a.id}/original`,
  );
  // The avatar is not the media cache retention's (only `media remove --prune-profiles`).
  assert.deepEqual((await storedKeys(w)).length, 1);

  // Someone looks: the proxy fetches it again and redirects to the stored copy.
  const proxied = await w.request(`/media_proxy/${a.id}/original`);
  assert.equal(proxied.status, 302);
  assert.equal(proxied.headers.get('location'), a.url);
  assert.equal(remote.hits.get('/a.jpg'), 2);
  const missing = await w.request(`/media_proxy/${status.id}/original`);
  assert.equal(missing.status, 404);
}

forEachDatabase((kind) => {
  test('remote media on local storage: cached once, evicted, fetched again', async (t) => {
    await scenario(t, kind, {});
  });
});

test('remote media on S3 (s3rver): cached once, evicted, fetched again', async (t) => {
  const s3 = await startS3(t);
  await scenario(t, 'sqlite', s3Env(s3));
});

test('lazy mode fetches nothing until asked; refused addresses and non-media fail cleanly', async (t) => {
  const remote = await startRemoteFiles(t);
  remote.files.set('/a.jpg', { body: await jpeg(64, 64), type: 'image/jpeg' });
  remote.files.set('/text.jpg', { body: Buffer.from('not an image at all'), type: 'image/jpeg' });
  const w = await startFetchingWoolly(t, 'sqlite', { MEDIA_CACHE_MODE: 'lazy' });
  const author = await remoteAccount(w.deps, { avatar: `${remote.base}/a.jpg` });
  const status = await remotePost(w.deps, author);
  const [lazy, text] = await recordRemoteAttachments(w.deps, status, [
    remoteJpeg(`${remote.base}/a.jpg`),
    remoteJpeg(`${remote.base}/text.jpg`),
  ]);
  await runPullJobs(w);
  assert.equal(remote.hits.size, 0, 'nothing fetched before someone asks');
  const proxied = await w.request(`/media_proxy/${lazy!.id}/small`);
  assert.equal(proxied.status, 302);
  assert.match(proxied.headers.get('location')!, /\/system\/media\/.*\.(jpeg|webp)$/);
  // Not media: refused for good, the proxy sends the client to the sender's address.
  assert.equal(await cacheRemoteMedia(w.deps, 'attachment', text!.id), 'failed');
  const fallback = await w.request(`/media_proxy/${text!.id}/original`);
  assert.equal(fallback.headers.get('location'), `${remote.base}/text.jpg`);
  // Followers-only posts are not fetched through the proxy (an image request has no token).
  const secret = await remotePost(w.deps, author, { visibility: 'private' });
  const [hidden] = await recordRemoteAttachments(w.deps, secret, [
    remoteJpeg(`${remote.base}/a.jpg`),
  ]);
  assert.equal((await w.request(`/media_proxy/${hidden!.id}/original`)).status, 404);
  // `woolly media refresh --domain`: what is cached stays, the rest is fetched.
  const tally = await refreshRemoteMedia(w.deps, { domain: 'REMOTE.example' });
  assert.deepEqual(tally, { cached: 2, 'already-cached': 1, gone: 1, failed: 1 });
  const forced = await refreshRemoteMedia(w.deps, { statusId: status.id }, { force: true });
  assert.deepEqual(forced, { cached: 1, 'already-cached': 0, gone: 0, failed: 1 });
});

test('the fetcher refuses private addresses, too many redirects and files over the limit', async (t) => {
  const remote = await startRemoteFiles(t);
  remote.files.set('/big.jpg', { body: Buffer.alloc(5000), type: 'image/jpeg' });
  const guarded = createRemoteFetcher({ userAgent: 'test' });
  await assert.rejects(guarded.fetch(`${remote.base}/big.jpg`, { maxBytes: 10_000 }), (e) => {
    assert.ok(e instanceof RemoteFetchFailed && e.permanent);
    assert.match(e.message, /refused address/);
    return true;
  });
  assert.equal(remote.hits.size, 0, 'nothing was requested from a private address');
  const loopback = createRemoteFetcher({
    userAgent: 'test',
    allowPrivateAddress: true,
    maxRedirects: 1,
  });
  await assert.rejects(
    loopback.fetch(`${remote.base}/big.jpg`, { maxBytes: 100 }),
    /larger than 100/,
  );
  await assert.rejects(
    loopback.fetch(`${remote.base}/redirect/redirect/big.jpg`, { maxBytes: 10_000 }),
    /too many redirects/,
  );
  await assert.rejects(loopback.fetch('file:///etc/passwd', { maxBytes: 10 }), /not an http/);
  const fetched = await loopback.fetch(`${remote.base}/redirect/big.jpg`, { maxBytes: 10_000 });
  assert.equal(fetched.body.length, 5000);
});
