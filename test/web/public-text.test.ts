import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainText, withRelMe } from '../../src/web/public/text.ts';
import { wantsActivityJson } from '../../src/web/public/negotiation.ts';
import type { Context } from 'hono';

test('profile links get rel="me", once', () => {
  assert.equal(
    withRelMe('<a href="https://a.example" rel="nofollow noopener">a</a>'),
    '<a href="https://a.example" rel="me nofollow noopener">a</a>',
  );
  assert.equal(
    withRelMe('<a href="https://a.example">a</a>'),
    '<a href="https://a.example" rel="me">a</a>',
  );
  assert.equal(withRelMe('<a href="x" rel="me">a</a>'), '<a href="x" rel="me">a</a>');
  assert.equal(withRelMe('no links'), 'no links');
});

test('plain text of post HTML for meta tags', () => {
  assert.equal(
    plainText('<p>Hi <b>you</b> &amp; me</p><p>there<br>now</p>'),
    'Hi you & me there now',
  );
  assert.equal(plainText('<p>abcdef</p>', 4), 'abc…');
});

test('ActivityPub wins only when asked for before HTML', () => {
  const ask = (accept: string) =>
    wantsActivityJson({ req: { header: () => accept } } as unknown as Context);
  assert.equal(ask('application/activity+json'), true);
  assert.equal(ask('application/ld+json; profile="https://www.w3.org/ns/activitystreams"'), true);
  assert.equal(ask('text/html,application/xhtml+xml'), false);
  assert.equal(ask('text/html, application/activity+json'), false);
  assert.equal(ask('application/activity+json, text/html;q=0.1'), true);
  assert.equal(ask(''), false);
});
