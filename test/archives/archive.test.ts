/**
 * A user archive as a user gets it: "Request your archive" on /settings/export, the
 * `archives.build` job, the e-mail with the download link, the zip (outbox, actor, likes,
 * bookmarks and the media files), the 7-day limit, downloads for the owner only, and the
 * daily retention removing the archive and its file past `backups_retention_period`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppError } from '../../src/core/errors.ts';
import { archiveUsage } from '../../src/db/repositories/archives.ts';
import { deleteLocalAccount } from '../../src/domain/accounts/delete-local-account.ts';
import { requestArchive } from '../../src/domain/archives/request.ts';
import { removeOrphanFiles } from '../../src/domain/remote-media/orphans.ts';
import { setRetentionSettings } from '../../src/domain/remote-media/retention-settings.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { startTestSmtp } from '../helpers/smtp.ts';
import { posted, send } from '../helpers/statuses.ts';
import { linkTo, webBrowser } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { s3Env, startS3 } from '../media/s3-server.ts';
import { png } from '../media/samples.ts';
import { upload } from '../media/upload.ts';
import { unzip } from './unzip.ts';

const day = 24 * 60 * 60 * 1000;

type Json = Record<string, unknown>;

async function signedInBrowser(w: TestWoolly, email: string) {
  const browser = webBrowser(w);
  await browser.get('/auth/sign_in');
  const res = await browser.post('/auth/sign_in', { email, password: 'password123' });
  assert.equal(res.status, 303);
  return browser;
}

async function archiveRows(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM user_archives');
  return Number(row?.n);
}

forEachDatabase((kind) => {
  test('request, build, mail, download, 7-day limit, owner only, retention', async (t) => {
    const smtp = await startTestSmtp();
    const w = await startTestWoolly(t, kind, {
      SMTP_SERVER: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM_ADDRESS: 'Woolly <notifications@woolly.test>',
    });
    t.after(() => smtp.close());
    const jobs = w.jobs as EmbeddedJobs;

    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const liked = await posted(w, bob.token, { status: 'worth keeping', visibility: 'public' });
    for (const action of ['favourite', 'bookmark', 'reblog']) {
      const res = await send(w, 'POST', `/api/v1/statuses/${liked.id}/${action}`, alice.token);
      assert.equal(res.status, 200);
    }
    const photo = await upload(w, alice.token, await png(), { type: 'image/png' });
    assert.equal(photo.status, 200);
    const own = await posted(w, alice.token, {
      status: 'my public post',
      visibility: 'public',
      media_ids: [photo.body.id],
    });
    const secret = await posted(w, alice.token, { status: 'for followers', visibility: 'private' });

    // Signed out, the page sends people to sign in first.
    const stranger = await webBrowser(w).get('/settings/export');
    assert.equal(stranger.status, 302);
    assert.match(stranger.headers.get('location') ?? '', /^\/auth\/sign_in\?return_to=/);

    const browser = await signedInBrowser(w, 'alice@example.com');
    const empty = await browser.get('/settings/export');
    assert.equal(empty.status, 200);
    assert.match(empty.html, /Request your archive/);
    const requested = await browser.post('/settings/export/archive', {});
    assert.equal(requested.status, 200);
    assert.match(requested.html, /being prepared/);
    assert.match(requested.html, /Being prepared/);

    await jobs.runDue({ queues: ['default'] });
    await jobs.runDue({ queues: ['mailers'] });
    const mail = await smtp.nth(1);
    assert.deepEqual(mail.to, ['alice@example.com']);
    assert.match(mail.header('subject') ?? '', /Your archive is ready for download/);
    const link = linkTo(mail.text, '/settings/export/archives/');

    const listed = await browser.get('/settings/export');
    assert.ok(listed.html.includes(`href="${link}"`), 'the page links the archive');

    const res = await w.request(link, {
      headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="archive-/);
    const files = unzip(Buffer.from(await res.arrayBuffer()));

    const outbox = JSON.parse(files.get('outbox.json')!.toString()) as Json;
    assert.equal(outbox.type, 'OrderedCollection');
    assert.equal(outbox.totalItems, 3);
    const [boost, ...items] = outbox.orderedItems as Json[];
    assert.equal(boost!.type, 'Announce');
    assert.equal(boost!.object, liked.uri);
    const objects = items.map((item) => item.object as Json);
    assert.deepEqual(
      items.map((item) => item.type),
      ['Create', 'Create'],
    );
    assert.deepEqual(
      objects.map((o) => o.id),
      [own.uri, secret.uri],
      'every post of the user, oldest first',
    );
    assert.equal(objects[0]!.content, '<p>my public post</p>');
    const attachment = [objects[0]!.attachment].flat()[0] as Json;
    const mediaPath = attachment.url as string;
    assert.match(mediaPath, /^media\//, 'the attachment points inside the zip');
    const served = await w.request(new URL(photo.body.url!).pathname);
    assert.deepEqual(files.get(mediaPath), Buffer.from(await served.arrayBuffer()));

    const actor = JSON.parse(files.get('actor.json')!.toString()) as Json;
    assert.equal(actor.preferredUsername, 'alice');
    for (const name of ['likes.json', 'bookmarks.json']) {
      const collection = JSON.parse(files.get(name)!.toString()) as Json;
      assert.deepEqual(collection.orderedItems, [liked.uri], name);
    }

    // Nobody else gets it: not another user, not someone signed out.
    const other = await signedInBrowser(w, 'bob@example.com');
    const refused = await other.get(link);
    assert.equal(refused.status, 404);
    assert.match(refused.html, /This archive is not here/);
    assert.equal((await webBrowser(w).get(link)).status, 302);

    // One archive every 7 days.
    w.clock.advance(6 * day);
    await browser.get('/settings/export');
    const again = await browser.post('/settings/export/archive', {});
    assert.equal(again.status, 429);
    assert.match(again.html, /at most once every 7 days/);
    assert.equal(await archiveRows(w), 1);

    // The daily retention: kept within the period, gone with its file past it.
    await setRetentionSettings(w.deps, { backups_retention_period: 7 });
    const stored = async () => (await w.deps.media.storage.list('backups/', { limit: 10 })).length;
    assert.equal(await stored(), 1);
    // Files carry the real time as written; the sweep spares the last hour's, so look later.
    const later = { now: () => Date.now() + 2 * 3_600_000 };
    const orphans = await removeOrphanFiles({ ...w.deps, clock: later });
    assert.ok(orphans.scanned > 0);
    assert.equal(await stored(), 1, 'an archive is no orphan');
    const usage = await archiveUsage(w.deps.db);
    assert.equal(usage.files, 1);
    assert.equal(usage.bytes, (await w.deps.media.storage.list('backups/', { limit: 1 }))[0]!.size);
    await jobs.tick();
    await jobs.runDue({ queues: ['scheduler'] });
    assert.equal(await archiveRows(w), 1, 'six days old: kept');
    w.clock.advance(2 * day);
    await jobs.tick();
    await jobs.runDue({ queues: ['scheduler'] });
    assert.equal(await archiveRows(w), 0);
    assert.equal(await stored(), 0);
    assert.equal((await browser.get(link)).status, 404);

    // And a new one may be asked for.
    await browser.get('/settings/export');
    assert.equal((await browser.post('/settings/export/archive', {})).status, 200);
  });
});

test('on S3, the archive is written to the bucket and downloaded from it', async (t) => {
  const s3 = await startS3(t);
  const w = await startTestWoolly(t, 'sqlite', s3Env(s3));
  const jobs = w.jobs as EmbeddedJobs;
  const alice = await makeUserWithToken(w.deps, { account: { username: 'sky' } });
  const photo = await upload(w, alice.token, await png(), { type: 'image/png' });
  await posted(w, alice.token, { status: 'in the cloud', media_ids: [photo.body.id] });

  const browser = await signedInBrowser(w, 'sky@example.com');
  await browser.get('/settings/export');
  assert.equal((await browser.post('/settings/export/archive', {})).status, 200);
  await jobs.runDue({ queues: ['default'] });
  const inBucket = await w.deps.media.storage.list('backups/', { limit: 10 });
  assert.equal(inBucket.length, 1);
  const link = /href="(\/settings\/export\/archives\/\d+\/download)"/.exec(
    (await browser.get('/settings/export')).html,
  )?.[1];
  assert.ok(link);
  const res = await w.request(link, {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  assert.equal(res.status, 200);
  const files = unzip(Buffer.from(await res.arrayBuffer()));
  const outbox = JSON.parse(files.get('outbox.json')!.toString()) as Json;
  const object = (outbox.orderedItems as Json[])[0]!.object as Json; // its one post
  const mediaPath = ([object.attachment].flat()[0] as Json).url as string;
  const stored = await w.deps.media.storage.get(mediaPath);
  assert.deepEqual(files.get(mediaPath), stored?.body);
});

forEachDatabase((kind) => {
  test('two requests at the same moment make one archive', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeUserWithToken(w.deps, { account: { username: 'twice' } });
    const results = await Promise.allSettled([
      requestArchive(w.deps, user.id),
      requestArchive(w.deps, user.id),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((refused.reason as AppError).status, 429);
    assert.equal(await archiveRows(w), 1);
  });
});

forEachDatabase((kind) => {
  test("a deleted account's archives go with their files", async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, user } = await makeUserWithToken(w.deps, { account: { username: 'gone' } });
    await requestArchive(w.deps, user.id);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
    const stored = async () => (await w.deps.media.storage.list('backups/', { limit: 10 })).length;
    assert.equal(await stored(), 1);
    await deleteLocalAccount(w.deps, { account });
    assert.equal(await stored(), 0);
    assert.equal(await archiveRows(w), 0);
  });
});

forEachDatabase((kind) => {
  test('a build that fails every attempt is shown failed, leaves no file, frees the limit', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = w.jobs as EmbeddedJobs;
    await makeUserWithToken(w.deps, { account: { username: 'unlucky' } });
    // A storage driver that writes the zip, then fails on its answer (a connection reset).
    const storage = w.deps.media.storage;
    const put = storage.put.bind(storage);
    let failing = true;
    storage.put = async (key, body, contentType, options) => {
      await put(key, body, contentType, options);
      if (failing && key.startsWith('backups/')) throw new Error('connection reset by peer');
    };
    const stored = async () => (await storage.list('backups/', { limit: 10 })).length;

    const browser = await signedInBrowser(w, 'unlucky@example.com');
    assert.equal((await browser.post('/settings/export/archive', {})).status, 200);
    let attempts = 0;
    for (; attempts < 10; attempts += 1) {
      if ((await jobs.runDue({ queues: ['default'] })) === 0) break;
      assert.equal(await stored(), 0, 'a failed attempt leaves no file behind');
      const shown = (await browser.get('/settings/export')).html;
      if (attempts < 2) assert.match(shown, /Being prepared/, 'attempts are left');
      w.clock.advance(day);
    }
    assert.equal(attempts, 3, 'the job has three attempts');
    const page = await browser.get('/settings/export');
    assert.doesNotMatch(page.html, /Being prepared/);
    assert.match(page.html, /Failed: this archive could not be built/);
    assert.equal(await stored(), 0);

    // The failed archive does not count against the 7-day limit: a new one may be asked for.
    failing = false;
    const again = await browser.post('/settings/export/archive', {});
    assert.equal(again.status, 200);
    await jobs.runDue({ queues: ['default'] });
    assert.equal(await stored(), 1);
    const listed = await browser.get('/settings/export');
    assert.match(listed.html, /Download/);
    assert.match(listed.html, /Failed: this archive could not be built/);
    // And a built one counts again.
    assert.equal((await browser.post('/settings/export/archive', {})).status, 429);
  });
});
