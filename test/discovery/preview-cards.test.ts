/**
 * Link preview cards: a post's first link (not a mention or hashtag) is fetched on the pull
 * queue from a real web server on loopback; OpenGraph and oEmbed make Mastodon's PreviewCard
 * on the status; one card per URL; no card for pages that are not HTML, too big, or gone;
 * an edit that drops the link drops the card; loopback is refused without the test switch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { remotePost } from '../media/remote-woolly.ts';
import { remoteAccount } from '../relationships/helpers.ts';
import { call, person } from '../notifications/helpers.ts';
import { runJobsOf, startLoopbackWoolly, startTestSite, type Page } from './helpers.ts';

const html = (head: string, body = '<p>Hello</p>', lang = 'en-GB'): Page => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="${lang}"><head>${head}</head><body>${body}</body></html>`,
});

const pages: Record<string, Page> = {
  '/article': html(
    `<title>Plain title</title>
     <meta property="og:title" content="The  Woolly   story">
     <meta property="og:description" content="Sheep &amp; servers">
     <meta property="og:image" content="/images/sheep.jpg">
     <meta property="og:image" content="/images/second.jpg">
     <meta property="og:image:alt" content="A sheep">
     <meta property="og:image:width" content="1200">
     <meta property="og:image:height" content="630">
     <meta property="og:site_name" content="Farm News">
     <meta name="author" content="Dolly">
     <meta property="article:published_time" content="2026-10-30T08:00:00Z">`,
  ),
  '/moved': { redirect: '/article' },
  '/video': html(
    `<title>A video</title>
     <link rel="alternate" type="application/json+oembed" href="/oembed.json">`,
  ),
  '/oembed.json': {
    type: 'application/json',
    body: JSON.stringify({
      version: '1.0',
      type: 'video',
      title: 'Shearing day',
      author_name: 'Farm TV',
      author_url: 'https://farm.example/tv',
      provider_name: 'FarmTube',
      provider_url: 'https://farmtube.example/',
      width: 480,
      height: 270,
      thumbnail_url: 'https://farmtube.example/thumb.jpg',
      html: '<iframe src="https://farmtube.example/embed/1" width="480" height="270" onload="alert(1)"></iframe><script>alert(2)</script>',
    }),
  },
  '/notes.txt': { type: 'text/plain', body: 'just text' },
  '/untitled': html('', '<p>nothing to say</p>'),
  '/huge': html('<title>Huge</title>', 'x'.repeat(1_100_000)),
};

forEachDatabase((kind) => {
  test('preview cards: OpenGraph and oEmbed cards on posts, one card per link', async (t) => {
    const w = await startLoopbackWoolly(t, kind);
    const site = await startTestSite(t, pages);
    const alice = await person(w);
    const post = async (text: string) => {
      const res = await alice.api.post('/api/v1/statuses', { status: text });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.card, null, 'the card comes after the post');
      return String(res.body.id);
    };
    const card = async (id: string) => {
      await runJobsOf(w, ['pull']);
      const res = await alice.api.get(`/api/v1/statuses/${id}`);
      return res.body.card as Record<string, unknown> | null;
    };

    // The hashtag and the mention-like link come first; the article is the first real link.
    const first = await post(
      `#sheep news: ${site.origin}/article#comments and ${site.origin}/video`,
    );
    const article = await card(first);
    assertEntity(article, 'PreviewCard');
    assert.deepEqual(article, {
      url: `${site.origin}/article`,
      title: 'The Woolly story',
      description: 'Sheep & servers',
      language: 'en',
      type: 'link',
      author_name: 'Dolly',
      author_url: '',
      provider_name: 'Farm News',
      provider_url: '',
      html: '',
      width: 1200,
      height: 630,
      image: `${site.origin}/images/sheep.jpg`,
      image_description: 'A sheep',
      embed_url: '',
      blurhash: null,
      published_at: '2026-10-30T08:00:00.000Z',
      authors: [{ name: 'Dolly', url: '', account: null }],
    });

    // The same link again is not fetched again.
    const again = await post(`again ${site.origin}/article`);
    assert.equal((await card(again))?.title, 'The Woolly story');
    assert.equal(site.hits.get('/article'), 1);

    const video = await card(await post(`watch ${site.origin}/video`));
    assertEntity(video, 'PreviewCard');
    assert.equal(video?.type, 'video');
    assert.equal(video?.title, 'Shearing day');
    assert.equal(video?.provider_name, 'FarmTube');
    assert.equal(video?.image, 'https://farmtube.example/thumb.jpg');
    // Only the iframe is kept, without its script.
    assert.equal(
      video?.html,
      '<iframe src="https://farmtube.example/embed/1" width="480" height="270"></iframe>',
    );

    // A redirect is followed; the card is for the link as posted.
    const moved = await card(await post(`${site.origin}/moved`));
    assert.equal(moved?.url, `${site.origin}/moved`);
    assert.equal(moved?.title, 'The Woolly story');

    for (const path of ['/notes.txt', '/untitled', '/huge', '/gone']) {
      assert.equal(await card(await post(`see ${site.origin}${path}`)), null, path);
    }

    // An edit that drops the link drops the card.
    const edited = await call(w, alice, 'PUT', `/api/v1/statuses/${first}`, {
      status: 'no links any more',
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(await card(first), null);
    const failed = await w.deps.db.all(
      "SELECT last_error FROM jobs WHERE name = 'preview_card.fetch' AND last_error IS NOT NULL",
    );
    assert.deepEqual(failed, []);
  });
});

/** A remote post, as federation stores one: its HTML as sent, links and all. */
async function remotePostWith(w: TestWoolly, content: string): Promise<string> {
  const status = await remotePost(w.deps, await remoteAccount(w), { content });
  return status.id;
}

test('preview cards: remote posts; loopback addresses are refused without the test switch', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const site = await startTestSite(t, pages);
  const reader = await person(w);
  const loopback = site.address;
  const id = await remotePostWith(
    w,
    `<p><span class="h-card"><a href="https://remote.example/@bob" class="u-url mention">@bob</a></span> ` +
      `<a href="https://remote.example/tags/sheep" rel="tag">#sheep</a> <a href="${loopback}/article">read</a></p>`,
  );
  await runJobsOf(w, ['pull']);
  assert.equal((await reader.api.get(`/api/v1/statuses/${id}`)).body.card, null);
  assert.equal(site.hits.get('/article'), undefined);
});

test('preview cards: a remote post gets the card of its first plain link', async (t) => {
  const w = await startLoopbackWoolly(t, 'sqlite');
  const site = await startTestSite(t, pages);
  const reader = await person(w);
  const id = await remotePostWith(
    w,
    `<p><span class="h-card"><a href="${site.origin}/video" class="u-url mention">@bob</a></span> ` +
      `<a href="${site.origin}/untitled" class="mention hashtag" rel="tag">#sheep</a> <a href="${site.address}/article">read</a></p>`,
  );
  await runJobsOf(w, ['pull']);
  const card = (await reader.api.get(`/api/v1/statuses/${id}`)).body.card as { url: string } | null;
  assert.equal(card?.url, `${site.address}/article`);
  assert.equal(site.hits.get('/video'), undefined);
});
