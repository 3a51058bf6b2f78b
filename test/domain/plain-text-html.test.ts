import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countableLength } from '../../src/domain/text/length.ts';
import { renderPlainText, shortenedLink } from '../../src/domain/text/plain-text-html.ts';

const baseUrl = 'https://woolly.test';

test('text is escaped, paragraphs and line breaks become Mastodon’s markup', () => {
  assert.equal(
    renderPlainText(`a < b & "c" 'd'\nnext line\n\n\nnew paragraph`, { baseUrl }),
    '<p>a &lt; b &amp; &quot;c&quot; &#39;d&#39;<br />next line</p><p>new paragraph</p>',
  );
  assert.equal(renderPlainText('  \n ', { baseUrl }), '');
  assert.equal(renderPlainText('one\ntwo', { baseUrl, multiline: false }), 'one\ntwo');
});

test('links are shortened after 30 characters, unless only one would be hidden', () => {
  assert.equal(
    shortenedLink('https://www.example.com/a/very/long/path/that/goes/on'),
    '<a href="https://www.example.com/a/very/long/path/that/goes/on" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very/long/path/t</span><span class="invisible">hat/goes/on</span></a>',
  );
  const thirtyOne = `https://${'x'.repeat(31)}`;
  assert.match(
    shortenedLink(thirtyOne),
    /<span class="">x{31}<\/span><span class="invisible"><\/span>/,
  );
  assert.match(shortenedLink('https://a.example', true), /rel="nofollow noopener me"/);
});

test('URLs end before closing punctuation and keep balanced parentheses', () => {
  const html = renderPlainText(
    'See https://example.com/x. Or (https://example.com/y) or https://en.wikipedia.org/wiki/Foo_(bar)!',
    { baseUrl, multiline: false },
  );
  assert.match(html, /href="https:\/\/example.com\/x"/);
  assert.match(html, /href="https:\/\/example.com\/y"/);
  assert.match(html, /href="https:\/\/en.wikipedia.org\/wiki\/Foo_\(bar\)"/);
  assert.match(html, /<\/a>!$/);
  assert.equal(
    renderPlainText('ftp://example.com and http://', { baseUrl, multiline: false }),
    'ftp://example.com and http://',
  );
});

test('hashtags link to the tag page; mentions link only to known accounts', () => {
  const mentions = (username: string, domain: string | null) =>
    username === 'bob'
      ? { username: 'bob', domain, url: domain ? `https://${domain}/@bob` : `${baseUrl}/@bob` }
      : null;
  assert.equal(
    renderPlainText('#Wool x#not @bob @bob@remote.example @carol mail@bob.example', {
      baseUrl,
      multiline: false,
      mentions,
    }),
    '<a href="https://woolly.test/tags/Wool" class="mention hashtag" rel="tag">#<span>Wool</span></a> x#not ' +
      '<span class="h-card" translate="no"><a href="https://woolly.test/@bob" class="u-url mention">@<span>bob</span></a></span> ' +
      '<span class="h-card" translate="no"><a href="https://remote.example/@bob" class="u-url mention">@<span>bob</span></a></span> ' +
      '@carol mail@bob.example',
  );
  assert.match(
    renderPlainText('@bob@remote.example', {
      baseUrl,
      multiline: false,
      withDomains: true,
      mentions,
    }),
    /@<span>bob@remote.example<\/span>/,
  );
  assert.equal(renderPlainText('#123', { baseUrl, multiline: false }), '#123');
});

test('lengths count a URL as 23 characters and a mention without its domain', () => {
  assert.equal(countableLength(`https://example.com/${'x'.repeat(100)}`), 23);
  assert.equal(countableLength('@someone@a.very.long.domain.example'), 8);
  assert.equal(countableLength('é👍🏽'), 2);
});
