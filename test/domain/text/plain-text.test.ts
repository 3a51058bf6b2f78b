import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToPlainText } from '../../../src/domain/statuses/text/plain-text.ts';
import { renderPlainText } from '../../../src/domain/statuses/text/render-plain.ts';

test('paragraphs and line breaks become newlines, with no trailing one', () => {
  assert.equal(htmlToPlainText('<p>Hello</p><p>World</p>'), 'Hello\nWorld');
  assert.equal(htmlToPlainText('<p>a<br>b<br />c</p>'), 'a\nb\nc');
  assert.equal(htmlToPlainText('<p>a</p>'), 'a');
});

test('a run of line breaks becomes one newline, and <br/> none (as in Mastodon)', () => {
  assert.equal(htmlToPlainText('<p>a<br><br>b</p>'), 'a\nb');
  assert.equal(htmlToPlainText('<p>a<br/>b</p>'), 'ab');
});

test('entities are decoded, also without semicolons', () => {
  assert.equal(
    htmlToPlainText('<p>&amp; &lt;3 &quot;q&quot; &#39;s&#39; &nbsp;&copy &#x1F600;</p>'),
    '& <3 "q" \'s\' \u00A0© 😀',
  );
});

test('links keep their full text and mentions their @', () => {
  const html = renderPlainText(
    'Read https://www.example.com/a/very/long/path/that/gets/cut @alice #tag',
    {
      mentions: new Map([
        ['alice', { url: 'https://w.example/@alice', username: 'alice', acct: 'alice' }],
      ]),
      tagUrl: (name) => `https://w.example/tags/${name}`,
    },
  );
  assert.equal(
    htmlToPlainText(html),
    'Read https://www.example.com/a/very/long/path/that/gets/cut @alice #tag',
  );
});

test('text of scripts, styles and other removed elements does not show', () => {
  assert.equal(htmlToPlainText('<p>a<script>alert(1)</script>b<style>p{}</style>c</p>'), 'abc');
  assert.equal(
    htmlToPlainText('<svg><text>hidden</text></svg><math><mi>x</mi></math>shown'),
    'shown',
  );
  assert.equal(
    htmlToPlainText('<iframe>x</iframe><noscript>y</noscript><xmp><b>z</b></xmp>ok'),
    'ok',
  );
  assert.equal(htmlToPlainText('before<plaintext>everything after</p>'), 'before');
});

test('broken HTML is read as a browser reads it', () => {
  assert.equal(htmlToPlainText('<p>a <b>bold <i>both</p>after'), 'a bold both\nafter');
  assert.equal(htmlToPlainText('<p>1 < 2 & 3 > 2</p>'), '1 < 2 & 3 > 2');
  assert.equal(htmlToPlainText('<!-- comment -->text'), 'text');
  assert.equal(htmlToPlainText('plain text'), 'plain text');
});

test('very deep nesting does not exhaust the stack', () => {
  assert.equal(htmlToPlainText(`${'<span>'.repeat(20_000)}deep`), 'deep');
});
