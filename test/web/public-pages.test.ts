/**
 * The public pages over plain HTTP: a browser gets HTML, a fediverse server asking for
 * ActivityPub gets (or is sent to) the JSON, every answer varies by Accept, and what a
 * profile or a post says is escaped and only what anyone may see is shown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

const asBrowser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const asServer = { accept: 'application/activity+json' };

async function page(w: TestWoolly, path: string, headers: Record<string, string> = asBrowser) {
  const res = await w.request(path, { headers, redirect: 'manual' });
  if (res.status >= 500) {
    assert.fail(`${path}: ${res.status}\n${w.logs.filter((l) => /error/i.test(l)).join('\n')}`);
  }
  return { status: res.status, text: await res.text(), headers: res.headers };
}

forEachDatabase((kind) => {
  describe('public pages', () => {
    let w: TestWoolly;
    let alice: Awaited<ReturnType<typeof makeUserWithToken>>;
    const ids: Record<string, string> = {};

    after(async () => {
      await w?.close();
      await w?.db.drop();
    });

    before(async () => {
      w = await startTestWoolly(null, kind);
      alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
      const profile = await w.request('/api/v1/accounts/update_credentials', {
        method: 'PATCH',
        token: alice.token,
        json: {
          display_name: '<script>x()</script> Alice',
          note: 'Knits & "purls"',
          fields_attributes: { 0: { name: 'Site', value: 'https://alice.example' } },
        },
      });
      assert.equal(profile.status, 200, await profile.clone().text());
      for (let i = 0; i < 21; i++) {
        ids[`old${i}`] = (await posted(w, alice.token, { status: `Older post ${i}` })).id;
      }
      const say = async (name: string, status: string, visibility: string) => {
        ids[name] = (await posted(w, alice.token, { status, visibility })).id;
      };
      await say('public', 'Hello <world> #Knitting', 'public');
      await say('unlisted', 'A quiet one', 'unlisted');
      await say('private', 'For followers only', 'private');
      await say('direct', 'A secret', 'direct');
      await say('reply', 'Answering myself', 'public');
    });

    test('a profile page for browsers, escaped, with meta tags and rel=me links', async () => {
      const res = await page(w, '/@alice');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.match(res.headers.get('vary')!, /Accept/);
      assert.ok(!res.text.includes('<script>x()'), 'the display name is escaped');
      assert.ok(res.text.includes('&lt;script&gt;x()&lt;/script&gt; Alice'));
      assert.match(res.text, /<meta property="og:type" content="profile"/);
      assert.match(res.text, /<meta property="og:url" content="https:\/\/woolly.test\/@alice"/);
      assert.match(
        res.text,
        /<meta property="og:description" content="Knits &amp; &quot;purls&quot;"/,
      );
      assert.match(
        res.text,
        /<link\s+rel="alternate"\s+type="application\/activity\+json"\s+href="https:\/\/woolly.test\/users\/alice"/,
      );
      assert.match(res.text, /<dt>Site<\/dt>\s*<dd>https:\/\/alice.example<\/dd>/);
      assert.ok(res.text.includes('Hello &lt;world&gt;'), 'post HTML is the sanitized content');
      assert.ok(res.text.includes('A quiet one'));
      assert.ok(!res.text.includes('For followers only'));
      assert.ok(!res.text.includes('A secret'));
    });

    test('the profile pages its posts by max_id', async () => {
      const first = await page(w, '/@alice');
      const next = /<a href="(\/@alice\?max_id=\d+)" rel="next"/.exec(first.text);
      assert.ok(next, 'a link to older posts');
      assert.ok(!first.text.includes('Older post 0<'));
      const older = await page(w, next[1]!.replace(/&amp;/g, '&'));
      assert.equal(older.status, 200);
      assert.ok(older.text.includes('Older post 0<'));
      assert.ok(!older.text.includes('A quiet one'));
    });

    test('ActivityPub clients get the documents; browsers the pages', async () => {
      const toActor = await page(w, '/@alice', asServer);
      assert.equal(toActor.status, 302);
      assert.equal(toActor.headers.get('location'), 'https://woolly.test/users/alice');
      assert.match(toActor.headers.get('vary')!, /Accept/);

      const actor = await page(w, '/users/alice', asServer);
      assert.equal(actor.status, 200);
      assert.equal(JSON.parse(actor.text).preferredUsername, 'alice');
      const toProfile = await page(w, '/users/alice');
      assert.equal(toProfile.status, 302);
      assert.equal(toProfile.headers.get('location'), '/@alice');
      assert.match(toProfile.headers.get('vary')!, /Accept/);

      const toPost = await page(w, `/users/alice/statuses/${ids.public}`);
      assert.equal(toPost.status, 302);
      assert.equal(toPost.headers.get('location'), `/@alice/${ids.public}`);
      const toNote = await page(w, `/@alice/${ids.public}`, asServer);
      assert.equal(toNote.status, 302);
      assert.equal(
        toNote.headers.get('location'),
        `https://woolly.test/users/alice/statuses/${ids.public}`,
      );
      assert.equal((await page(w, '/users/nobody', asServer)).status, 404);
    });

    test('a post page for public and unlisted posts; 404 for the rest', async () => {
      const res = await page(w, `/@alice/${ids.public}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('vary')!, /Accept/);
      assert.match(res.text, /<meta property="og:type" content="article"/);
      assert.match(
        res.text,
        /<meta property="og:description" content="Hello &lt;world&gt; #Knitting"/,
      );
      assert.match(
        res.text,
        /<a href="\/tags\/knitting"|href="https:\/\/woolly.test\/tags\/[Kk]nitting"/,
      );
      assert.equal((await page(w, `/@alice/${ids.unlisted}`)).status, 200);
      for (const hidden of [ids.private, ids.direct, '99999999999']) {
        const gone = await page(w, `/@alice/${hidden}`);
        assert.equal(gone.status, 404);
        assert.ok(!gone.text.includes('For followers only') && !gone.text.includes('A secret'));
      }
      assert.equal((await page(w, '/@nobody')).status, 404);
      assert.equal((await page(w, `/@nobody/${ids.public}`)).status, 404);
    });

    test('a hashtag page of public posts; 404 for one nobody used', async () => {
      const res = await page(w, '/tags/knitting');
      assert.equal(res.status, 200);
      assert.ok(res.text.includes('Hello &lt;world&gt;'));
      assert.equal((await page(w, '/tags/crochet')).status, 404);
    });

    test('a suspended account is gone (410), and so are its posts', async () => {
      await updateAccount(w.deps.db, alice.account.id, { suspendedAt: w.clock.now() });
      const res = await page(w, '/@alice');
      assert.equal(res.status, 410);
      assert.ok(!res.text.includes('Hello'));
      assert.equal((await page(w, `/@alice/${ids.public}`)).status, 410);
    });
  });
});
