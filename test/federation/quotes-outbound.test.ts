/**
 * A local quote as other servers read it: the Note carries FEP-044f `quote` with Woolly's
 * stamp, the older `quoteUrl`/`_misskey_quote`/`quoteUri`, the `RE:` fallback and the quote
 * policy; the stamp is served while the quote stands.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted, send } from '../helpers/statuses.ts';
import { startTestWoolly } from '../helpers/woolly.ts';
import { getActivityJson } from './helpers.ts';

// Fedify compacts the public collection to `as:Public`, as in `to` and `cc`.
const publicAudience = 'as:Public';

// Reads only (the Note and stamp dispatchers): SQLite is enough; the rows are tested on both.
test('a local quote is published with FEP-044f and the older forms, and its stamp', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
  const original = await posted(w, alice.token, {
    status: 'quote me',
    quote_approval_policy: 'followers',
  });
  await send(w, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, bob.token);
  const quote = await posted(w, bob.token, {
    status: 'so true',
    quoted_status_id: original.id,
  });

  const note = (await getActivityJson(w, `/users/bob/statuses/${quote.id}`)).body;
  const stamp = `https://woolly.test/users/alice/quote_authorizations/${quote.id}`;
  assert.equal(note.quote, original.uri);
  assert.equal(note.quoteUrl, original.uri);
  assert.equal(note._misskey_quote, original.uri);
  assert.equal(note.quoteUri, original.uri);
  assert.equal(note.quoteAuthorization, stamp);
  assert.equal(
    note.content,
    `<p>so true</p><p class="quote-inline">RE: <a href="${original.url}">${original.url}</a></p>`,
  );
  // Bob's own post may be quoted by anyone (his default policy) and by himself.
  assert.deepEqual(note.interactionPolicy, {
    canQuote: { automaticApproval: [publicAudience, 'https://woolly.test/users/bob'] },
  });
  const quoted = (await getActivityJson(w, `/users/alice/statuses/${original.id}`)).body;
  assert.equal(quoted.quote, undefined);
  assert.deepEqual(quoted.interactionPolicy, {
    canQuote: {
      automaticApproval: [
        'https://woolly.test/users/alice/followers',
        'https://woolly.test/users/alice',
      ],
    },
  });

  const authorization = await getActivityJson(w, `/users/alice/quote_authorizations/${quote.id}`);
  assert.equal(authorization.status, 200);
  assert.equal(authorization.body.type, 'QuoteAuthorization');
  assert.equal(authorization.body.id, stamp);
  assert.equal(authorization.body.attributedTo, 'https://woolly.test/users/alice');
  assert.equal(authorization.body.interactingObject, quote.uri);
  assert.equal(authorization.body.interactionTarget, original.uri);
  // Only the quoted author's stamp exists; a revoked quote has none.
  assert.equal(
    (await getActivityJson(w, `/users/bob/quote_authorizations/${quote.id}`)).status,
    404,
  );
  await send(w, 'POST', `/api/v1/statuses/${original.id}/quotes/${quote.id}/revoke`, alice.token);
  assert.equal(
    (await getActivityJson(w, `/users/alice/quote_authorizations/${quote.id}`)).status,
    404,
  );
  const after = (await getActivityJson(w, `/users/bob/statuses/${quote.id}`)).body;
  assert.equal(after.quote, undefined);
  assert.equal(after.content, '<p>so true</p>');
});
