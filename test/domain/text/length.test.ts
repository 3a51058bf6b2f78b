import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countStatusLength } from '../../../src/domain/statuses/text/length.ts';
import { stripStatusText } from '../../../src/domain/statuses/text/whitespace.ts';

test('plain text counts its characters, and the content warning counts too', () => {
  assert.equal(countStatusLength('a'.repeat(500)), 500);
  assert.equal(countStatusLength('b'.repeat(251), 'a'.repeat(250)), 501);
  assert.equal(countStatusLength('', 'a'.repeat(520)), 520);
});

test('every URL counts as 23 characters, however long', () => {
  const text = `${'a'.repeat(476)} http://${'b'.repeat(30)}.com/example`;
  assert.equal(countStatusLength(text), 500);
  assert.equal(countStatusLength('https://t.co'), 23); // shorter URLs count 23 as well
  assert.equal(
    countStatusLength('see https://example.com/a, https://example.org/b.'),
    4 + 23 + 2 + 23 + 1,
  );
});

test('what is not a linked URL counts as typed', () => {
  assert.equal(countStatusLength('example.com/path'), 16);
  assert.equal(countStatusLength('http://localhost:3000'), 21);
  assert.equal(countStatusLength('xmpp:user@instance.com'), 22);
  // Mastodon counts this one as a URL even though it then shows it as text.
  assert.equal(countStatusLength('http://www\\.google\\.com'), 23);
});

test('a mention of a remote account counts only as @username', () => {
  const text = `${'a'.repeat(475)} @alice@${'b'.repeat(30)}.com`;
  assert.equal(countStatusLength(text), 475 + 1 + 6);
  assert.equal(countStatusLength('@alice'), 6);
  assert.equal(countStatusLength('mail alice@example.com'), 22);
});

test('characters are grapheme clusters: emoji sequences, flags and combining marks count once', () => {
  assert.equal(countStatusLength('👨‍👩‍👧‍👦'), 1);
  assert.equal(countStatusLength('🇯🇵🇫🇷'), 2);
  assert.equal(countStatusLength('e\u0301'), 1);
  assert.equal(countStatusLength('😀'.repeat(500)), 500);
  assert.equal(countStatusLength('a\r\nb'), 3);
});

test('a blank text counts nothing, only its content warning', () => {
  assert.equal(countStatusLength(' \n ', 'cw'), 2);
});

test('the text is stripped as Mastodon strips it: ASCII white space only', () => {
  assert.equal(stripStatusText('\n\t hello world \r\n'), 'hello world');
  assert.equal(stripStatusText('\u00A0hello\u00A0'), '\u00A0hello\u00A0');
  assert.equal(stripStatusText(' \0'), '');
});
