/**
 * Who sees what in the home timeline: Mastodon's inclusion rules, one row per rule. Each row
 * makes its own people, acts through the API, and says whether the post it made is in the
 * reader's home timeline after the feed jobs ran.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remoteAccount } from '../relationships/helpers.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, home, person, remotePost, say, type Person } from './helpers.ts';

interface Row {
  name: string;
  shown: boolean;
  /** Makes the post; returns the reader and the id expected (or not) in the timeline. */
  make(w: TestWoolly): Promise<{ reader: Person; id: string }>;
}

/**
 * Each row runs twice: with the reader's feed built on first read (from the posts already
 * there), and with it built before anything happens (so posts reach it by fan-out).
 */
let fannedOut = false;

async function newReader(w: TestWoolly): Promise<Person> {
  const reader = await person(w);
  if (fannedOut) assert.deepEqual(await home(w, reader), []);
  return reader;
}

async function pair(w: TestWoolly, follow: Record<string, unknown> | null = {}) {
  const reader = await newReader(w);
  const author = await person(w);
  if (follow) await act(reader, `/api/v1/accounts/${author.account.id}/follow`, follow);
  return { reader, author };
}

const rows: Row[] = [
  {
    name: 'own post',
    shown: true,
    make: async (w) => {
      const reader = await newReader(w);
      return { reader, id: await say(reader, 'mine') };
    },
  },
  {
    name: "a followed account's post",
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      return { reader, id: await say(author, 'hello') };
    },
  },
  {
    name: 'a post of someone not followed',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w, null);
      return { reader, id: await say(author, 'hello') };
    },
  },
  {
    name: 'a boost by a followed account',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const other = await person(w);
      const original = await say(other, 'boost me');
      const boost = await act(author, `/api/v1/statuses/${original}/reblog`);
      return { reader, id: boost.body.id as string };
    },
  },
  {
    name: 'a boost by an account followed with reblogs: false',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w, { reblogs: false });
      const other = await person(w);
      const original = await say(other, 'boost me');
      const boost = await act(author, `/api/v1/statuses/${original}/reblog`);
      return { reader, id: boost.body.id as string };
    },
  },
  {
    name: 'a reply to someone the reader follows',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const other = await person(w);
      await act(reader, `/api/v1/accounts/${other.account.id}/follow`);
      const parent = await say(other, 'question');
      return { reader, id: await say(author, 'answer', { in_reply_to_id: parent }) };
    },
  },
  {
    name: 'a reply to someone the reader does not follow',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const other = await person(w);
      const parent = await say(other, 'question');
      return { reader, id: await say(author, 'answer', { in_reply_to_id: parent }) };
    },
  },
  {
    name: 'a reply to the reader',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const parent = await say(reader, 'question');
      return { reader, id: await say(author, 'answer', { in_reply_to_id: parent }) };
    },
  },
  {
    name: 'a thread (a reply to oneself)',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const parent = await say(author, '1/2');
      return { reader, id: await say(author, '2/2', { in_reply_to_id: parent }) };
    },
  },
  {
    name: 'a post mentioning someone the reader blocks',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const other = await person(w);
      await act(reader, `/api/v1/accounts/${other.account.id}/block`);
      return { reader, id: await say(author, `hi @${other.account.username}`) };
    },
  },
  {
    name: 'a boost of a post by someone the reader blocks',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const other = await person(w);
      const original = await say(other, 'boost me');
      await act(reader, `/api/v1/accounts/${other.account.id}/block`);
      const boost = await act(author, `/api/v1/statuses/${original}/reblog`);
      return { reader, id: boost.body.id as string };
    },
  },
  {
    name: 'a post of a followed account muted before it was posted',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      await act(reader, `/api/v1/accounts/${author.account.id}/mute`);
      return { reader, id: await say(author, 'muted') };
    },
  },
  {
    name: 'a post of a followed account muted after it arrived',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const id = await say(author, 'soon muted');
      assert.ok((await home(w, reader)).includes(id));
      await act(reader, `/api/v1/accounts/${author.account.id}/mute`);
      return { reader, id };
    },
  },
  {
    name: 'a post of a followed account that blocked the reader after it arrived',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const id = await say(author, 'soon blocked');
      assert.ok((await home(w, reader)).includes(id));
      await act(author, `/api/v1/accounts/${reader.account.id}/block`);
      return { reader, id };
    },
  },
  {
    name: 'a boost of a post from a domain the reader blocks',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const far = await remoteAccount(w, { domain: 'blocked.example' });
      const original = await remotePost(w, far);
      await act(reader, '/api/v1/domain_blocks', { domain: 'blocked.example' });
      const boost = await act(author, `/api/v1/statuses/${original.id}/reblog`);
      return { reader, id: boost.body.id as string };
    },
  },
  {
    name: 'a post in a language the reader does not follow the author for',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w, { languages: ['de'] });
      return { reader, id: await say(author, 'hello', { language: 'en' }) };
    },
  },
  {
    name: 'a post in a language the reader follows the author for',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w, { languages: ['de'] });
      return { reader, id: await say(author, 'hallo', { language: 'de' }) };
    },
  },
  {
    name: 'a public post with a followed hashtag, author not followed',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w, null);
      await act(reader, '/api/v1/tags/woollyjumpers/follow');
      return { reader, id: await say(author, 'new #WoollyJumpers') };
    },
  },
  {
    name: 'an unlisted post with a followed hashtag, author not followed',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w, null);
      await act(reader, '/api/v1/tags/woollyhats/follow');
      return { reader, id: await say(author, '#WoollyHats', { visibility: 'unlisted' }) };
    },
  },
  {
    name: 'a local-only post of a followed account',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      return { reader, id: await say(author, 'just here', { local_only: true }) };
    },
  },
  {
    name: 'a followers-only post of a followed account',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      return { reader, id: await say(author, 'friends', { visibility: 'private' }) };
    },
  },
  {
    name: 'a followers-only post mentioning the reader, author not followed',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w, null);
      return {
        reader,
        id: await say(author, `@${reader.account.username} hi`, { visibility: 'private' }),
      };
    },
  },
  {
    name: 'a direct post to the reader by a followed account',
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w);
      return {
        reader,
        id: await say(author, `@${reader.account.username} psst`, { visibility: 'direct' }),
      };
    },
  },
  {
    name: 'a direct post of a followed account to someone else',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const other = await person(w);
      return {
        reader,
        id: await say(author, `@${other.account.username} psst`, { visibility: 'direct' }),
      };
    },
  },
  {
    name: 'a post of a followed account in an exclusive list',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const list = await act(reader, '/api/v1/lists', { title: 'apart', exclusive: true });
      await act(reader, `/api/v1/lists/${list.body.id as string}/accounts`, {
        account_ids: [author.account.id],
      });
      return { reader, id: await say(author, 'only in the list') };
    },
  },
  {
    name: 'a deleted post',
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const id = await say(author, 'oops');
      assert.ok((await home(w, reader)).includes(id));
      const res = await author.api.delete(`/api/v1/statuses/${id}`);
      assert.equal(res.status, 200);
      return { reader, id };
    },
  },
  {
    name: "an unfollowed account's earlier post",
    shown: false,
    make: async (w) => {
      const { reader, author } = await pair(w);
      const id = await say(author, 'before');
      assert.ok((await home(w, reader)).includes(id));
      await act(reader, `/api/v1/accounts/${author.account.id}/unfollow`);
      return { reader, id };
    },
  },
  {
    name: "a newly followed account's earlier post (backfilled)",
    shown: true,
    make: async (w) => {
      const { reader, author } = await pair(w, null);
      await home(w, reader);
      const id = await say(author, 'before the follow');
      await act(reader, `/api/v1/accounts/${author.account.id}/follow`);
      return { reader, id };
    },
  },
];

forEachDatabase((kind) => {
  test('the home timeline follows Mastodon’s inclusion rules', async (t) => {
    const w = await startTestWoolly(t, kind);
    const failures: string[] = [];
    for (const mode of [false, true]) {
      fannedOut = mode;
      for (const row of rows) {
        const { reader, id } = await row.make(w);
        const shown = (await home(w, reader)).includes(id);
        if (shown !== row.shown) {
          failures.push(
            `${row.name} (${mode ? 'fanned out' : 'built'}): ${shown ? 'shown' : 'not shown'}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
