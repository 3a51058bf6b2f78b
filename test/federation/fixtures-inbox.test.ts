/**
 * Every fixture from another server (test/fixtures/activitypub, the server-named files) goes
 * through the real inbox, signed by its actor on a faked copy of its server
 * (fixture-servers.ts), on SQLite and PostgreSQL; each test checks what a user sees through
 * the Mastodon API afterwards. The older unprefixed fixtures are driven by inbox.test.ts,
 * polls.test.ts, quotes-*.test.ts, reactions.test.ts, flag.test.ts, move.test.ts and
 * relays.test.ts.
 *
 * What Woolly deliberately does not store, as Mastodon does not, is acknowledged (202) and
 * changes nothing, with a line in the log saying why:
 * - a Pleroma ChatMessage (Mastodon has no chats);
 * - a Lemmy Dislike (no downvotes), a Lemmy Add/Remove of a community's featured post by a
 *   moderator (only an account's own featured collection counts, featured.test.ts), a Lemmy
 *   community Block with a `target` (a ban from a community Woolly does not have);
 * - an Announce wrapping another activity (Lemmy's community forwarding of a Create{Page},
 *   WordPress's of an Update{Article}): Mastodon takes only posts as what a boost boosts;
 * - a Follow of the public collection (FEP-ae0c relay subscription): Woolly is not a relay.
 * Documents that are fetched, not delivered (actors, outboxes, the FEP-044f stamp), are
 * served by the fake servers where a test reads them (Mastodon's featured collection in
 * featured.test.ts). One is not read: Mastodon's followers page (Woolly does not fetch a
 * remote account's followers).
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { DatabaseKind } from '../helpers/databases.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows, get, posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture } from './fake-remote.ts';
import { fixtureServers, withContext, type FixtureServers } from './fixture-servers.ts';
import { startWithFakeRemote } from './helpers.ts';

type Json = Record<string, unknown>;

/** What these tests read of a Mastodon Status. */
interface StatusJson {
  id: string;
  uri: string;
  url: string | null;
  content: string;
  spoiler_text: string;
  visibility: string;
  language: string | null;
  edited_at: string | null;
  in_reply_to_id: string | null;
  media_attachments: {
    type: string;
    url: string | null;
    remote_url: string | null;
    description: string | null;
  }[];
  tags: { name: string }[];
  emojis: { shortcode: string }[];
  account: { id: string; bot: boolean; group: boolean };
  reblog: StatusJson | null;
  quote: { state: string; quoted_status: StatusJson | null } | null;
}

interface Setup {
  w: TestWoolly;
  servers: FixtureServers;
  alice: Awaited<ReturnType<typeof makeUserWithToken>>;
  process(): Promise<number>;
  /** Delivers `activity` (answered 202) and runs the inbox work it queued. */
  deliver(activity: Json): Promise<void>;
}

async function setup(t: TestContext, kind: DatabaseKind): Promise<Setup> {
  const { remote, w, process } = await startWithFakeRemote(t, kind);
  const servers = await fixtureServers(remote);
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  return {
    w,
    servers,
    alice,
    process,
    async deliver(activity) {
      const res = await servers.deliver(w, activity);
      assert.equal(res.status, 202, `${String(activity.type)} ${String(activity.id)}`);
      await process();
    },
  };
}

/** The stored post with ActivityPub id `uri`, as the API shows it to `token`'s account. */
async function statusAt(
  w: TestWoolly,
  uri: string,
  token?: string,
): Promise<StatusJson | undefined> {
  const row = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE uri = ? AND deleted_at IS NULL',
    [uri],
  );
  if (!row) return undefined;
  const res = await get<StatusJson>(w, `/api/v1/statuses/${String(row.id)}`, token);
  assert.equal(res.status, 200);
  return res.body;
}

/** The Create `object` would arrive in from its author. */
function createOf(object: Json, actor = String(object.attributedTo)): Json {
  return {
    '@context': object['@context'] ?? 'https://www.w3.org/ns/activitystreams',
    id: `${String(object.id)}#create`,
    type: 'Create',
    actor,
    to: object.to,
    cc: object.cc,
    object,
  };
}

/** Text without tags, for comparing what a post says. */
const text = (html: string) => html.replace(/<[^>]+>/g, '');

const attachmentUrls = (status: StatusJson) =>
  status.media_attachments.map((m) => m.remote_url ?? m.url);

forEachDatabase((kind) => {
  test('converted types: a Lemmy Page, a PeerTube Video, a Mobilizon Event, articles and a Funkwhale Audio become posts with title, summary and link', async (t) => {
    const { w, servers, alice, deliver } = await setup(t, kind);

    // Lemmy: a post in a community is a Page; its title and a link to it, as on Mastodon.
    const page = withContext(fixture('lemmy-create-page.json'));
    servers.stubActor(String(page.actor));
    await deliver(page);
    const lemmy = await statusAt(w, 'http://ds9.lemmy.ml/post/1', alice.token);
    assert.ok(lemmy, 'the Page is stored');
    assert.equal(text(lemmy.content), 'test posthttp://ds9.lemmy.ml/post/1');
    assert.match(lemmy.content, /<strong>test post<\/strong>/);
    assert.match(lemmy.content, /<a href="http:\/\/ds9\.lemmy\.ml\/post\/1"/);
    assert.equal(lemmy.spoiler_text, '');
    assert.equal(lemmy.visibility, 'public');
    // Its attachment is a Link (the post's link), not a file.
    assert.deepEqual(lemmy.media_attachments, []);

    // PeerTube: the video's name and its watch page (the `url` link of type text/html); its
    // hashtags are kept, its description is not shown.
    servers.actor('peertube-actor-person.json', {
      'https://peertube.stream/accounts/createurs': 'https://framatube.org/accounts/framasoft',
    });
    const video = fixture('peertube-create-video.json');
    await deliver(video);
    const videoUri = 'https://framatube.org/videos/watch/6050732a-8a7a-43d4-a6cd-809525a1d206';
    const peertube = await statusAt(w, videoUri);
    assert.ok(peertube, 'the Video is stored');
    assert.equal(text(peertube.content), `Déframasoftisons Internet [Framasoft]${videoUri}`);
    assert.equal(peertube.url, videoUri);
    assert.deepEqual(peertube.tags.map((tag) => tag.name).sort(), [
      'deframasoftisons',
      'epn23',
      'framaconf',
      'framasoft',
      'pyg',
    ]);

    // Its Update edits the post; its Delete removes it.
    const edited: Json = { ...(video.object as Json), name: 'Déframasoftisons Internet (v2)' };
    edited.updated = '2020-09-01T10:00:00.000Z';
    await deliver({ ...video, id: `${videoUri}/update`, type: 'Update', object: edited });
    const afterEdit = await statusAt(w, videoUri);
    assert.equal(text(afterEdit!.content), `Déframasoftisons Internet (v2)${videoUri}`);
    assert.equal(afterEdit!.edited_at, '2020-09-01T10:00:00.000Z');
    await deliver({
      '@context': video['@context'],
      id: `${videoUri}/delete`,
      type: 'Delete',
      actor: video.actor,
      object: { id: videoUri, type: 'Tombstone' },
    });
    assert.equal(await statusAt(w, videoUri), undefined);

    // Mobilizon: an event (sent by its group, which the event is attributed to): its title, a
    // link, and its banner kept as an attachment.
    const event = fixture('mobilizon-event.json');
    servers.stubActor(String(event.attributedTo), 'Group');
    await deliver(createOf(event));
    const mobilizon = await statusAt(w, String(event.id));
    assert.ok(mobilizon, 'the Event is stored');
    assert.equal(text(mobilizon.content), `Caledonian scottish dance class${String(event.url)}`);
    // Its `@language` is `und`: no language.
    assert.equal(mobilizon.language, null);
    assert.deepEqual(attachmentUrls(mobilizon), [
      'https://rendezvous.nomagic.uk/media/cd75bf2f61b66004fe20af4797f5aa847ae1f9ea1c118f53093d6fc4e51a6045.jpg?name=devon_caledonian_society%27s%20banner.jpg',
    ]);
    assert.deepEqual(mobilizon.tags.map((tag) => tag.name).sort(), [
      'caledonian',
      'dance',
      'lesson',
    ]);

    // Pterotype (WordPress): an Article's title, summary and link; the long body is not shown.
    const article = fixture('pterotype-create-article.json');
    servers.stubActor(String(article.actor), 'Service');
    await deliver(article);
    const blog = await statusAt(w, 'https://wedistribute.org/wp-json/pterotype/v1/object/85810');
    assert.ok(blog, 'the Article is stored');
    assert.equal(
      text(blog.content),
      'The end is near: Mastodon plans to drop OStatus support' +
        'One of the largest platforms in the federated social web is dropping the protocol that it started with.' +
        'https://wedistribute.org/2019/07/mastodon-drops-ostatus/',
    );
    assert.doesNotMatch(blog.content, /OStatus are numbered/);

    // BookWyrm: a review is an Article; its book cover comes as its attachment.
    servers.actor('bookwyrm-actor-person.json', {
      'https://example.com/user/mouse': 'https://bookwyrm.com/user/TestUser',
    });
    // Its cover has an `id` of null, which Woolly drops before reading it as JSON-LD
    // (received-json-ld.ts).
    const review = fixture('bookwyrm-article-review.json');
    await deliver(createOf(review));
    const bookwyrm = await statusAt(w, 'https://bookwyrm.com/user/TestUser/review/17');
    assert.ok(bookwyrm, 'the review is stored');
    assert.match(text(bookwyrm.content), /^Review of "Death's End \(The Three-Body Problem\)": ab/);
    assert.deepEqual(attachmentUrls(bookwyrm), [
      'https://bookwyrm.com/images/covers/e7a6a777-b3fa-44be-a819-33f3aa5187dd.jpeg',
    ]);

    // Funkwhale: a track is an Audio; its title, its hashtags summary and its first link.
    const audio = fixture('funkwhale-create-audio.json');
    servers.stubActor(String(audio.actor), 'Group');
    await deliver(audio);
    const funkwhale = await statusAt(
      w,
      'https://channels.tests.funkwhale.audio/federation/music/uploads/42342395-0208-4fee-a38d-259a6dae0871',
    );
    assert.ok(funkwhale, 'the Audio is stored');
    assert.match(
      text(funkwhale.content),
      /^Compositions - Test Audio for Pleroma#funkwhale #test #tests/,
    );
    // Its hashtags are named by a term of the Create's context, not the Audio's own.
    assert.deepEqual(funkwhale.tags.map((tag) => tag.name).sort(), ['funkwhale', 'test', 'tests']);
  });

  test('notes from Friendica, Lemmy, Misskey, Mitra, Pixelfed, Pleroma, GoToSocial, Owncast and Mastodon, and quotes from Fedibird, Misskey and FEP-044f', async (t) => {
    const { w, servers, alice, deliver } = await setup(t, kind);

    // Friendica: a Create with an `instrument`, then its Update (an edit).
    const friendica = fixture('friendica-create-note.json');
    servers.stubActor(String(friendica.actor));
    await deliver(friendica);
    const jakob = await statusAt(
      w,
      'https://soc.schuerz.at/objects/4edd2508-4361-edb8-c4d8-b45181083984',
    );
    assert.ok(jakob, 'the Friendica note is stored');
    assert.equal(jakob.visibility, 'public');
    const update = fixture('friendica-update-note.json');
    servers.stubActor(String(update.actor));
    const updated = update.object as Json;
    await deliver(
      createOf(
        { ...updated, content: '<p>before the edit</p>', updated: undefined },
        String(update.actor),
      ),
    );
    const before = await statusAt(w, String(updated.id));
    assert.equal(text(before!.content), 'before the edit');
    await deliver(update);
    const after = await statusAt(w, String(updated.id));
    assert.notEqual(text(after!.content), 'before the edit');
    assert.ok(after!.edited_at, 'the Update is an edit');

    // Lemmy: a comment is a Note answering the post (a Page), which joins its thread.
    const page = withContext(fixture('lemmy-create-page.json'));
    servers.stubActor(String(page.actor));
    await deliver(page);
    const comment = withContext(fixture('lemmy-create-note-comment.json'));
    await deliver(comment);
    const reply = await statusAt(w, 'http://ds9.lemmy.ml/comment/1');
    const post = await statusAt(w, 'http://ds9.lemmy.ml/post/1');
    assert.equal(reply!.in_reply_to_id, post!.id);
    assert.equal(text(reply!.content), 'hello');

    // Misskey, Mitra (with its integrity proof), Pleroma: plain notes.
    servers.actor('misskey-actor-person.json', {
      'https://misskey.io/users/83ssedkv53': 'https://mk.absturztau.be/users/8ozbzjs3o8',
    });
    servers.stubActor('https://mk.absturztau.be/users/8ozbzjs3o8');
    await deliver(fixture('misskey-create-note.json'));
    assert.equal(
      text((await statusAt(w, 'https://mk.absturztau.be/notes/93e7nm8wqg'))!.content),
      'meow',
    );
    servers.stubActor('https://mitra.social/users/test');
    await deliver(fixture('mitra-create-note-integrity-proof.json'));
    const mitra = await statusAt(
      w,
      'https://mitra.social/objects/019f57cf-693a-77f2-b006-c4c76338956a',
    );
    assert.equal(text(mitra!.content), 'Remote post 5');
    servers.stubActor('https://greenish.red/users/nutomic');
    await deliver(fixture('pleroma-create-note.json'));
    const pleroma = await statusAt(
      w,
      'https://greenish.red/objects/1a522f2e-d5ab-454b-93d7-e58bc0650c2a',
    );
    assert.match(text(pleroma!.content), /test$/);

    // Pixelfed and Mastodon: photos, their descriptions kept.
    servers.stubActor('https://pixelfed.social/users/mczachurski');
    const pixelfed = fixture('pixelfed-create-note-image.json');
    await deliver(pixelfed);
    const photo = await statusAt(w, String((pixelfed.object as Json).id));
    assert.equal(photo!.media_attachments.length, 1);
    assert.equal(photo!.media_attachments[0]!.type, 'image');
    assert.deepEqual(photo!.tags.map((tag) => tag.name).sort(), [
      'colorphotography',
      'streetphotography',
    ]);
    servers.stubActor('https://mastodon.social/users/mczachurski');
    const mastodon = fixture('mastodon-create-note-attachment-blurhash-focalpoint.json');
    await deliver(mastodon);
    const toot = await statusAt(w, String((mastodon.object as Json).id));
    assert.equal(toot!.media_attachments.length, 1);
    assert.ok(toot!.media_attachments[0]!.description, 'the alt text is kept');

    // GoToSocial and Owncast: bare Notes, delivered in a Create from their author.
    servers.stubActor('http://localhost:8080/users/admin');
    const gts = fixture('gotosocial-note-attachment-emoji-hashtag.json');
    await deliver(createOf(gts));
    const gtsPost = await statusAt(w, String(gts.id), alice.token);
    assert.ok(gtsPost, 'the GoToSocial note is stored');
    assert.equal(gtsPost.media_attachments.length, 1);
    assert.deepEqual(
      gtsPost.emojis.map((e) => e.shortcode),
      ['rainbow'],
    );
    assert.deepEqual(
      gtsPost.tags.map((tag) => tag.name),
      ['welcome'],
    );
    const owncast = withContext(fixture('owncast-note-attachment.json'));
    servers.stubActor(String(owncast.attributedTo), 'Service');
    await deliver(createOf(owncast));
    // Its single attachment (not in an array) is kept, with its description.
    const stream = await statusAt(w, String(owncast.id));
    assert.equal(stream?.visibility, 'public');
    assert.deepEqual(
      stream?.media_attachments.map((m) => m.remote_url),
      ['https://owncast.localhost.localdomain/preview.gif?us=KjfNX387gm'],
    );

    // Quotes: Fedibird's quoteUri, Misskey's quoteUrl, FEP-044f's quote; the quoted posts
    // are fetched from their servers. The first two (the older forms, without a stamp from
    // the quoted author) stay pending, as on Mastodon 4.5; the third has its stamp.
    servers.stubActor('https://fedibird.com/users/yamako');
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: 'https://fedibird.com/users/yamako/statuses/107699333438289729',
      type: 'Note',
      attributedTo: 'https://fedibird.com/users/yamako',
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      content: '<p>quoted</p>',
    });
    servers.stubActor('https://fedibird.com/users/noellabo');
    const fedibird = fixture('fedibird-note-quote-uri.json');
    await deliver(createOf(fedibird));
    const fedibirdQuote = await statusAt(w, String(fedibird.id));
    assert.equal(fedibirdQuote!.quote?.state, 'pending');
    const fedibirdQuoted = await statusAt(
      w,
      'https://fedibird.com/users/yamako/statuses/107699333438289729',
    );
    assert.equal(text(fedibirdQuoted!.content), 'quoted');
    assert.doesNotMatch(fedibirdQuote!.content, /RE:/);

    servers.stubActor('https://example.com/users/alice');
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: 'https://example.com/users/alice/statuses/1',
      type: 'Note',
      attributedTo: 'https://example.com/users/alice',
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      content: '<p>alice wrote</p>',
    });
    // The spec's stamp names the quoting post on example.org, its quote on example.com.
    servers.serve(
      fixture('fep-044f-quote-authorization.json', {
        'https://example.org/users/bob/statuses/1': 'https://example.com/users/bob/statuses/1',
      }),
    );
    servers.stubActor('https://example.com/users/bob');
    const fep = fixture('fep-044f-note-quote-with-fallbacks.json');
    // The spec shows the stamp apart; the quoting post names it once approved, as here.
    fep['@context'] = [
      ...(fep['@context'] as unknown[]),
      {
        quoteAuthorization: {
          '@id': 'https://w3id.org/fep/044f#quoteAuthorization',
          '@type': '@id',
        },
      },
    ];
    fep.quoteAuthorization = 'https://example.com/users/alice/stamps/1';
    await deliver(createOf(fep));
    const fepQuote = await statusAt(w, String(fep.id));
    assert.equal(text(fepQuote!.content), "I am quoting alice's post");
    assert.equal(text(fepQuote!.quote?.quoted_status?.content ?? ''), 'alice wrote');

    servers.stubActor('https://misskey.io/users/93492q0ip0');
    servers.stubActor('https://example.com/users/carol');
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: 'https://example.com/objects/43479e20-c0f8-4f49-bf7f-13fab8234924',
      type: 'Note',
      attributedTo: 'https://example.com/users/carol',
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      content: '<p>quompted</p>',
    });
    const misskey = fixture('misskey-note-quote.json');
    await deliver(createOf(misskey));
    const misskeyQuote = await statusAt(w, String(misskey.id));
    assert.equal(misskeyQuote!.quote?.state, 'pending');
    const misskeyQuoted = await statusAt(
      w,
      'https://example.com/objects/43479e20-c0f8-4f49-bf7f-13fab8234924',
    );
    assert.equal(text(misskeyQuoted!.content), 'quompted');
  });

  test('reactions, undone likes, reports, a quote request, a Delete by URI and a Move on local posts and accounts', async (t) => {
    const { w, servers, alice, deliver } = await setup(t, kind);
    const post = await posted(w, alice.token, { status: 'react to me' });
    const reactions = async () =>
      (
        await get<{ name: string; count: number }[]>(
          w,
          `/api/v1/pleroma/statuses/${post.id}/reactions`,
          alice.token,
        )
      ).body
        .map((r) => `${r.name}:${r.count}`)
        .sort();

    // Mastodon's Like and its Undo.
    servers.stubActor('http://mastodon.example.org/users/admin');
    const local = {
      'http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454': post.uri,
    };
    await deliver({
      '@context': 'https://www.w3.org/ns/activitystreams',
      ...(fixture('mastodon-undo-like.json', local).object as Json),
    });
    const favourites = async () =>
      (await get<{ favourites_count: number }>(w, `/api/v1/statuses/${post.id}`)).body
        .favourites_count;
    assert.equal(await favourites(), 1);
    await deliver(fixture('mastodon-undo-like.json', local));
    assert.equal(await favourites(), 0);

    // Reactions: Pleroma's unicode EmojiReact, Misskey's Like with a custom emoji, FEP-c0e0's
    // EmojiReact with a custom emoji.
    // Pleroma names its LitePub context (where EmojiReact is defined); this capture, made
    // from a Mastodon one, lost it.
    const emojiReact = fixture('pleroma-emojireact.json', local);
    emojiReact['@context'] = [
      ...(emojiReact['@context'] as unknown[]),
      'https://pleroma.example/schemas/litepub-0.1.jsonld',
    ];
    await deliver(emojiReact);
    servers.stubActor('https://misskey.local.live/users/8x8yep20u2');
    const misskeyLike = fixture('misskey-like-custom-emoji-reaction.json', {
      'https://pleroma.local.live/objects/89937a53-2692-4631-bb62-770091267391': post.uri,
    });
    // Misskey's context defines Emoji (Mastodon's term); this capture's was trimmed.
    misskeyLike['@context'] = [
      ...(misskeyLike['@context'] as unknown[]),
      { toot: 'http://joinmastodon.org/ns#', Emoji: 'toot:Emoji' },
    ];
    await deliver(misskeyLike);
    servers.stubActor('https://alice.social/users/alice');
    await deliver(
      fixture('fep-c0e0-emojireact-custom-emoji.json', {
        'https://bob.social/objects/57caeb99-424c-4692-b74f-0a6682050932': post.uri,
        'https://bob.social/users/bob': 'https://woolly.test/users/alice',
      }),
    );
    assert.deepEqual(await reactions(), ['blobwtfnotlikethis:1', 'hanapog:1', '👌:1']);

    // FEP-044f QuoteRequest for alice's public post: accepted, the quote shown as accepted.
    servers.stubActor('https://example.com/users/bob');
    const request = fixture('fep-044f-quote-request.json', {
      'https://example.com/users/alice/statuses/1': post.uri,
      'https://example.com/users/alice': 'https://woolly.test/users/alice',
    });
    await deliver(request);
    const quoting = await statusAt(w, 'https://example.com/users/bob/statuses/1');
    assert.equal(quoting?.quote?.state, 'accepted');
    assert.equal(quoting?.quote?.quoted_status?.id, post.id);

    // Reports: GoToSocial's Flag (account and post) and Lemmy's (a post, reason in summary).
    servers.stubActor('http://example.org/users/example.org', 'Application');
    await deliver(
      fixture('gotosocial-flag.json', {
        'http://fossbros-anonymous.io/users/foss_satan/statuses/01FVW7JHQFSFK166WWKR8CBA6M':
          post.uri,
        'http://fossbros-anonymous.io/users/foss_satan': 'https://woolly.test/users/alice',
      }),
    );
    // Lemmy's names only the post; Mastodon makes a report of a Flag that names the
    // account (its posts are then the report's), so this one makes none.
    servers.stubActor('http://ds9.lemmy.ml/u/lemmy_alpha');
    await deliver(
      withContext(
        fixture('lemmy-flag-report.json', { 'http://enterprise.lemmy.ml/post/7': post.uri }),
      ),
    );
    const reports = await w.deps.db.all<{
      comment: string;
      status_ids: string;
      target_account_id: string | number;
    }>('SELECT comment, status_ids, target_account_id FROM reports ORDER BY id');
    assert.deepEqual(
      reports.map((r) => [
        r.comment,
        JSON.parse(r.status_ids) as string[],
        String(r.target_account_id),
      ]),
      [['dark souls sucks, please yeet this nerd', [post.id], alice.account.id]],
    );

    // GoToSocial's Delete names the post by its URI alone, and has no id.
    servers.stubActor('http://example.org/users/admin');
    const doomed = 'http://example.org/users/admin/statuses/01FF25D5Q0DH7CHD57CTRS6WK0';
    await deliver(
      createOf({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: doomed,
        type: 'Note',
        attributedTo: 'http://example.org/users/admin',
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        content: '<p>soon gone</p>',
      }),
    );
    assert.ok(await statusAt(w, doomed));
    await deliver({
      '@context': 'https://www.w3.org/ns/activitystreams',
      ...fixture('gotosocial-delete-note-uri.json'),
    });
    assert.equal(await statusAt(w, doomed), undefined);

    // GoToSocial's Move: alice follows the old account, and then the new one.
    const old = 'https://example.org/users/1happyturtle';
    const target = 'https://another-server.com/users/my_new_account_hurray';
    servers.stubActor(old);
    servers.stubActor(target, 'Person', { alsoKnownAs: [old] });
    await deliver(
      createOf({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${old}/statuses/1`,
        type: 'Note',
        attributedTo: old,
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        content: '<p>hi</p>',
      }),
    );
    const oldStatus = await statusAt(w, `${old}/statuses/1`);
    const oldId = oldStatus!.account.id;
    await w.request(`/api/v1/accounts/${oldId}/follow`, {
      method: 'POST',
      token: alice.token,
      json: {},
    });
    await deliver({
      '@context': 'https://www.w3.org/ns/activitystreams',
      ...fixture('gotosocial-move.json'),
    });
    const moved = await get<{ moved?: { url: string; acct: string } | null }>(
      w,
      `/api/v1/accounts/${oldId}`,
    );
    assert.equal(moved.body.moved?.acct, 'my_new_account_hurray@another-server.com');
  });

  test('boosts from PeerTube (a channel boosting a Video), Pixelfed, GoToSocial (a self-boost to followers) and a LitePub relay', async (t) => {
    const { w, servers, alice, deliver } = await setup(t, kind);
    const reblogOf = async (uri: string) =>
      w.deps.db.get<{
        id: string | number;
        visibility: string;
        reblog_of_id: string | number | null;
      }>('SELECT id, visibility, reblog_of_id FROM statuses WHERE uri = ?', [uri]);

    // PeerTube: the channel (a Group) announces a video its account published; the video is
    // fetched from its server and stored as converted, then boosted.
    const announce = fixture('peertube-announce-video.json');
    const channel = servers.actor('peertube-actor-group-channel.json', {
      'https://spectra.video/video-channels/fediforum_demos': String(announce.actor),
      'https://spectra.video/accounts/fediforum': 'https://tilvids.com/accounts/thelinuxexperiment',
    });
    servers.stubActor('https://tilvids.com/accounts/thelinuxexperiment');
    const watch = String(announce.object);
    const tilvids = fixture('peertube-create-video.json', {
      'https://framatube.org/videos/watch/6050732a-8a7a-43d4-a6cd-809525a1d206': watch,
      'https://framatube.org/accounts/framasoft': 'https://tilvids.com/accounts/thelinuxexperiment',
      'https://framatube.org/video-channels/bf54d359-cfad-4935-9d45-9d6be93f63e8': channel,
    });
    servers.serve({ '@context': tilvids['@context'], ...(tilvids.object as Json) });
    await deliver(announce);
    const boost = await statusAt(w, String(announce.id));
    assert.ok(boost?.reblog, 'the channel boosted the video');
    assert.equal(boost.account.group, true);
    assert.equal(boost.reblog.uri, watch);
    assert.equal(text(boost.reblog.content), `Déframasoftisons Internet [Framasoft]${watch}`);

    // Pixelfed boosts a Mastodon post by its web address; the post is fetched there.
    servers.stubActor('https://pixelfed.social/users/mczachurski');
    servers.stubActor('https://mastodonapp.uk/users/damianward');
    const pixelfed = fixture('pixelfed-announce.json');
    const boosted = 'https://mastodonapp.uk/users/damianward/statuses/111322877716364793';
    servers.serve(
      {
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: boosted,
        type: 'Note',
        url: String(pixelfed.object),
        attributedTo: 'https://mastodonapp.uk/users/damianward',
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        content: '<p>a photo walk</p>',
      },
      String(pixelfed.object),
    );
    await deliver(pixelfed);
    const photoBoost = await statusAt(w, String(pixelfed.id));
    assert.equal(photoBoost?.reblog?.uri, boosted);
    assert.equal(photoBoost?.reblog?.url, String(pixelfed.object));

    // GoToSocial: zork boosts his own followers-only post, to his followers: the post and the
    // boost are stored as followers-only (Mastodon takes an author's own boost of it).
    const zork = servers.actor('gotosocial-actor-person.json');
    const selfBoost = fixture('gotosocial-announce-followers-only.json');
    // alice follows zork (his server accepts) before he boosts.
    await deliver(
      createOf({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${zork}/statuses/hello`,
        type: 'Note',
        attributedTo: zork,
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        content: '<p>hello</p>',
      }),
    );
    const zorkId = (await statusAt(w, `${zork}/statuses/hello`))!.account.id;
    await w.request(`/api/v1/accounts/${zorkId}/follow`, {
      method: 'POST',
      token: alice.token,
      json: {},
    });
    await deliver({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${zork}#accepts/1`,
      type: 'Accept',
      actor: zork,
      object: { type: 'Follow', actor: alice.account.uri, object: zork },
    });
    const privatePost = String(selfBoost.object);
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: privatePost,
      type: 'Note',
      attributedTo: String(selfBoost.actor),
      to: `${String(selfBoost.actor)}/followers`,
      content: '<p>for my followers</p>',
    });
    await deliver(selfBoost);
    assert.equal((await reblogOf(privatePost))?.visibility, 'private');
    const zorkBoost = await reblogOf(String(selfBoost.id));
    assert.equal(zorkBoost?.visibility, 'private');
    assert.ok(zorkBoost?.reblog_of_id, 'the self-boost is stored');
    // His follower alice sees the post (in her home feed, where the post itself stands for
    // its boosts); nobody else sees the boost.
    const home = await get<{ uri: string }[]>(w, '/api/v1/timelines/home', alice.token);
    assert.ok(home.body.some((s) => s.uri === privatePost));
    assert.equal((await w.request(`/api/v1/statuses/${String(zorkBoost.id)}`)).status, 404);

    // A LitePub relay Woolly does not follow: its Announce is a boost by the relay actor.
    servers.stubActor('https://pleroma.example/relay', 'Application');
    servers.stubActor('https://pleroma.example/users/admin');
    const relayed = fixture('fep-ae0c-litepub-relay-announce.json');
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: String(relayed.object),
      type: 'Note',
      attributedTo: 'https://pleroma.example/users/admin',
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      content: '<p>relayed</p>',
    });
    await deliver(withContext(relayed));
    const relayedPost = await statusAt(w, String(relayed.object));
    assert.equal(text(relayedPost!.content), 'relayed');
    assert.ok((await reblogOf(String(relayed.id)))?.reblog_of_id, 'boosted by the relay');
  });

  test('actors from every server are accepted: Follows from each become followers', async (t) => {
    const { w, alice, servers, deliver } = await setup(t, kind);
    const actors: [string, string, { bot: boolean; group: boolean }][] = [
      ['mastodon-actor-service-bot.json', 'fediverse@mastodont.cat', { bot: true, group: false }],
      ['misskey-actor-person.json', 'aimu@misskey.io', { bot: false, group: false }],
      ['pleroma-actor-person.json', 'lanodan@queer.hacktivis.me', { bot: false, group: false }],
      [
        'gotosocial-actor-person.json',
        'the_mighty_zork@localhost:8080',
        { bot: false, group: false },
      ],
      ['peertube-actor-person.json', 'createurs@peertube.stream', { bot: false, group: false }],
      [
        'peertube-actor-group-channel.json',
        'fediforum_demos@spectra.video',
        { bot: false, group: true },
      ],
      ['lemmy-actor-group.json', 'tenforward@enterprise.lemmy.ml', { bot: false, group: true }],
      ['guppe-actor-group.json', 'Bernie2020@gup.pe', { bot: false, group: true }],
      ['mbin-actor-application-instance.json', 'fedia.io@fedia.io', { bot: true, group: false }],
      ['wordpress-actor-person.json', 'matthias@pfefferle.org', { bot: false, group: false }],
      [
        'mitra-actor-person-assertionmethod.json',
        'hongminhee@wizard.casa',
        { bot: false, group: false },
      ],
      ['bookwyrm-actor-person.json', 'mouse@example.com', { bot: false, group: false }],
    ];
    for (const [name] of actors) {
      const id = servers.actor(name);
      await deliver({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${id}#follows/woolly`,
        type: 'Follow',
        actor: id,
        object: 'https://woolly.test/users/alice',
      });
    }
    const followers = await get<{ acct: string; bot: boolean; group: boolean }[]>(
      w,
      `/api/v1/accounts/${alice.account.id}/followers?limit=40`,
      alice.token,
    );
    assert.deepEqual(
      followers.body.map((a) => [a.acct, { bot: a.bot, group: a.group }]).sort(),
      actors.map(([, acct, flags]) => [acct, flags]).sort(),
    );
  });

  test('what Woolly does not store is acknowledged and changes nothing, with a logged reason', async (t) => {
    const { w, servers, alice, deliver } = await setup(t, kind);
    const post = await posted(w, alice.token, { status: 'mine' });
    const counts = async () =>
      Promise.all(
        ['statuses', 'accounts', 'follows', 'favourites', 'reports', 'notifications'].map((table) =>
          countRows(w, table),
        ),
      );

    // Senders are known first (their accounts stored), so only what follows is measured.
    servers.actor('pleroma-actor-person.json');
    servers.stubActor('http://enterprise.lemmy.ml/u/lemmy_beta');
    servers.stubActor('http://ds9.lemmy.ml/u/lemmy_alpha');
    servers.stubActor('http://enterprise.lemmy.ml/c/main', 'Group');
    servers.stubActor('https://pfefferle.org/@pfefferle.org', 'Group');
    servers.stubActor('https://pfefferle.org/author/pfefferle/');
    servers.stubActor('https://client.example/actor', 'Application');
    const senders = [
      'https://queer.hacktivis.me/users/lanodan',
      'http://enterprise.lemmy.ml/u/lemmy_beta',
      'http://ds9.lemmy.ml/u/lemmy_alpha',
      'http://enterprise.lemmy.ml/c/main',
      'https://pfefferle.org/@pfefferle.org',
      'https://client.example/actor',
    ];
    for (const actor of senders) {
      await deliver({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${actor}#hello`,
        type: 'Create',
        actor,
        object: {
          id: `${actor}#hello-note`,
          type: 'Note',
          attributedTo: actor,
          to: 'https://www.w3.org/ns/activitystreams#Public',
          content: 'hello',
        },
      });
    }
    const before = await counts();
    const logged = w.logs.length;

    const ignored: [string, Json][] = [
      ['ChatMessage', createOf(fixture('pleroma-chatmessage.json'))],
      ['Dislike', withContext(fixture('lemmy-dislike-page.json'))],
      // Lemmy's fixtures name this user with http: elsewhere; one server names it one way.
      ['Add', withContext(fixture('lemmy-add-featured.json', { 'https://ds9': 'http://ds9' }))],
      // Lemmy's fixture reuses the Add's id for the Remove; a real server's ids differ.
      [
        'Remove',
        withContext(
          fixture('lemmy-remove-featured.json', {
            '/activities/add/': '/activities/remove/',
            'https://ds9': 'http://ds9',
          }),
        ),
      ],
      ['Block', withContext(fixture('lemmy-block-user-expiring.json'))],
      ['Announce', withContext(fixture('lemmy-announce-create-page.json'))],
      ['Announce', fixture('wordpress-announce-update-article.json')],
      ['Follow', fixture('fep-ae0c-mastodon-relay-follow.json')],
    ];
    for (const [, activity] of ignored) await deliver(activity);
    assert.deepEqual(await counts(), before, 'nothing stored or changed');
    const reasons = w.logs
      .slice(logged)
      .map((line) => JSON.parse(line) as { message: string; type?: string; reason?: string })
      .filter((line) => line.message === 'activity not acted on')
      .map((line) => `${line.type}: ${line.reason}`);
    assert.deepEqual(reasons, [
      'Create: its ChatMessage is no kind of post Woolly stores',
      'Dislike: Woolly does not act on this type',
      "Add: its target is not the sender's featured collection",
      "Remove: its target is not the sender's featured collection",
      'Block: its object is no local account',
      'Announce: its object is no post Woolly has or can fetch',
      'Announce: its object is no post Woolly has or can fetch',
      'Follow: its object is no local account',
    ]);
    // alice's post is as it was.
    const mine = await get<{ favourites_count: number; reblogs_count: number }>(
      w,
      `/api/v1/statuses/${post.id}`,
    );
    assert.deepEqual([mine.body.favourites_count, mine.body.reblogs_count], [0, 0]);
  });

  test('outboxes read when an account is followed: GoToSocial’s pages, a Lemmy community’s Announces', async (t) => {
    const { w, servers, alice, deliver } = await setup(t, kind);
    const pull = () => (w.jobs as EmbeddedJobs).runDue({ queues: ['pull', 'default'] });
    /** alice follows `actor` (known from a post it sent) and its server accepts. */
    const follow = async (actor: string) => {
      await deliver(
        createOf({
          '@context': 'https://www.w3.org/ns/activitystreams',
          id: `${actor}/hello`,
          type: 'Note',
          attributedTo: actor,
          to: ['https://www.w3.org/ns/activitystreams#Public'],
          content: '<p>hello</p>',
        }),
      );
      const account = await statusAt(w, `${actor}/hello`);
      const res = await w.request(`/api/v1/accounts/${account!.account.id}/follow`, {
        method: 'POST',
        token: alice.token,
        json: {},
      });
      assert.equal(res.status, 200);
      await deliver({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${actor}#accepts/1`,
        type: 'Accept',
        actor,
        object: { type: 'Follow', actor: alice.account.uri, object: actor },
      });
      await pull();
    };

    // GoToSocial: the outbox's first page (the fixture) names its posts by id.
    const page = withContext(fixture('gotosocial-outbox-page.json'));
    const gts = 'https://example.org/users/whatever';
    const outbox = String(page.partOf);
    servers.stubActor(gts, 'Person', { outbox });
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: outbox,
      type: 'OrderedCollection',
      first: page.id,
    });
    servers.serve(page);
    const posted = 'https://example.org/users/whatever/statuses/01FJC1MKPVX2VMWP2ST93Q90K7';
    servers.serve({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: posted,
      type: 'Note',
      attributedTo: gts,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      cc: [`${gts}/followers`],
      content: '<p>from the outbox</p>',
    });
    await follow(gts);
    assert.equal(text((await statusAt(w, posted, alice.token))?.content ?? ''), 'from the outbox');

    // Lemmy: a community's outbox holds its Announces of its members' Creates, not posts of
    // its own; the outbox backfill takes only an account's own posts, so none of these.
    const community = withContext(fixture('lemmy-group-outbox.json'));
    servers.stubActor('https://ds9.lemmy.ml/c/testcom', 'Group', { outbox: community.id });
    servers.serve(community);
    await follow('https://ds9.lemmy.ml/c/testcom');
    assert.match(
      w.logs.join('\n'),
      /outbox backfilled[^\n]*ds9\.lemmy\.ml\/c\/testcom[^\n]*"stored":0/,
    );
    assert.equal(await statusAt(w, 'https://ds9.lemmy.ml/post/2328'), undefined);
  });
});
