import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionTarget } from '../../../src/domain/statuses/text/entity-html.ts';
import { renderPlainText } from '../../../src/domain/statuses/text/render-plain.ts';

const alice: MentionTarget = { url: 'https://w.example/@alice', username: 'alice', acct: 'alice' };
const remoteAlice: MentionTarget = {
  url: 'https://remote.example/@alice',
  username: 'alice',
  acct: 'alice@remote.example',
};
const bob: MentionTarget = {
  url: 'https://b.example/@bob',
  username: 'bob',
  acct: 'bob@b.example',
};

const options = {
  mentions: new Map<string, MentionTarget>(),
  tagUrl: (name: string) => `https://mastodon.social/tags/${encodeURIComponent(name)}`,
};
const render = (text: string) => renderPlainText(text, options);
const withMentions = (text: string, mentions: [string, MentionTarget][]) =>
  renderPlainText(text, { ...options, mentions: new Map(mentions) });

const link = (href: string, prefix: string, shown: string, hidden: string, cut: boolean) =>
  `<a href="${href}" target="_blank" rel="nofollow noopener" translate="no">` +
  `<span class="invisible">${prefix}</span><span class="${cut ? 'ellipsis' : ''}">${shown}</span>` +
  `<span class="invisible">${hidden}</span></a>`;

test('text becomes a paragraph, single line breaks <br />, blank lines new paragraphs', () => {
  assert.equal(render('text'), '<p>text</p>');
  assert.equal(render('line\nfeed'), '<p>line<br />feed</p>');
  assert.equal(render('one\n\ntwo\n\n\n\nthree'), '<p>one</p><p>two</p><p>three</p>');
  assert.equal(render('a\nb\n\nc\nd'), '<p>a<br />b</p><p>c<br />d</p>');
});

test('Windows and old Mac line endings are line endings', () => {
  assert.equal(render('a\r\nb'), '<p>a<br />b</p>');
  assert.equal(render('a\r\n\r\nb'), '<p>a</p><p>b</p>');
  assert.equal(render('a\rb'), '<p>a<br />b</p>');
});

test('a blank text renders to nothing', () => {
  assert.equal(render(''), '');
  assert.equal(render(' \n\t\u00A0\u3000'), '');
});

test('typed HTML is shown, never interpreted', () => {
  assert.equal(
    render('<script>alert("Hello")</script>'),
    '<p>&lt;script&gt;alert(&quot;Hello&quot;)&lt;/script&gt;</p>',
  );
  assert.equal(
    render(`<img src="javascript:alert('XSS');">`),
    '<p>&lt;img src=&quot;javascript:alert(&#39;XSS&#39;);&quot;&gt;</p>',
  );
  assert.equal(render('Tom & Jerry &amp; &lt;3'), '<p>Tom &amp; Jerry &amp;amp; &amp;lt;3</p>');
});

test('a long link shows 30 characters after its scheme and www., the rest behind an ellipsis', () => {
  const url =
    'https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code';
  assert.equal(
    render(url),
    `<p>${link(url, 'https://www.', 'theguardian.com/money/2019/dec', '/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code', true)}</p>`,
  );
});

test('a short link is shown whole, without its scheme', () => {
  assert.equal(
    render('see https://example.com/ now'),
    `<p>see ${link('https://example.com/', 'https://', 'example.com/', '', false)} now</p>`,
  );
  // Exactly 30 characters is not cut; 31 is.
  const thirty = `http://${'a'.repeat(22)}.com/abc`;
  assert.equal(
    render(thirty),
    `<p>${link(thirty, 'http://', `${'a'.repeat(22)}.com/abc`, '', false)}</p>`,
  );
  const thirtyOne = `http://${'a'.repeat(22)}.com/abcd`;
  assert.equal(
    render(thirtyOne),
    `<p>${link(thirtyOne, 'http://', `${'a'.repeat(22)}.com/abc`, 'd', true)}</p>`,
  );
});

test('characters, not UTF-16 units, decide where a link is cut', () => {
  const url = `https://example.com/${'😀'.repeat(20)}`;
  assert.equal(
    render(url),
    `<p>${link(url, 'https://', `example.com/${'😀'.repeat(18)}`, '😀😀', true)}</p>`,
  );
});

test('a link with & or quotes in it is escaped in the href and the text', () => {
  assert.equal(
    render('https://example.com/?a=1&b=2'),
    `<p>${link('https://example.com/?a=1&amp;b=2', 'https://', 'example.com/?a=1&amp;b=2', '', false)}</p>`,
  );
  assert.equal(
    render("https://example.com/it's"),
    `<p>${link('https://example.com/it&#39;s', 'https://', 'example.com/it&#39;s', '', false)}</p>`,
  );
});

test('HTML after a URL is not part of it', () => {
  assert.equal(
    render('http://example.com/b<del>b</del>'),
    `<p>${link('http://example.com/b', 'http://', 'example.com/b', '', false)}&lt;del&gt;b&lt;/del&gt;</p>`,
  );
});

test('a URL Mastodon cannot parse stays text', () => {
  assert.equal(render('http://www\\.google\\.com'), '<p>http://www\\.google\\.com</p>');
});

test('internationalised links are shown as typed', () => {
  assert.equal(
    render('https://nic.みんな/'),
    `<p>${link('https://nic.みんな/', 'https://', 'nic.みんな/', '', false)}</p>`,
  );
});

test('xmpp: and magnet: links', () => {
  assert.equal(
    render('xmpp:user@instance.com'),
    `<p>${link('xmpp:user@instance.com', 'xmpp:', 'user@instance.com', '', false)}</p>`,
  );
  const magnet = 'magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a';
  assert.equal(
    render(magnet),
    `<p>${link(magnet, '', 'magnet:?xt=urn:btih:c12fe1c06b', 'ba254a9dc9f519b335aa7c1367a88a', true)}</p>`,
  );
});

test('hashtags link to their page, shown as typed', () => {
  assert.equal(
    render(
      "Holidays almost finished. It's time to review and edit photos from #Prague, #Gdańsk, #Kraków, #London and #Wrocław. And plan next trips 😉.",
    ),
    '<p>Holidays almost finished. It&#39;s time to review and edit photos from ' +
      '<a href="https://mastodon.social/tags/Prague" class="mention hashtag" rel="tag">#<span>Prague</span></a>, ' +
      '<a href="https://mastodon.social/tags/Gda%C5%84sk" class="mention hashtag" rel="tag">#<span>Gdańsk</span></a>, ' +
      '<a href="https://mastodon.social/tags/Krak%C3%B3w" class="mention hashtag" rel="tag">#<span>Kraków</span></a>, ' +
      '<a href="https://mastodon.social/tags/London" class="mention hashtag" rel="tag">#<span>London</span></a> and ' +
      '<a href="https://mastodon.social/tags/Wroc%C5%82aw" class="mention hashtag" rel="tag">#<span>Wrocław</span></a>. ' +
      'And plan next trips 😉.</p>',
  );
  assert.equal(
    render('＃ｆｏｏ'),
    '<p><a href="https://mastodon.social/tags/%EF%BD%86%EF%BD%8F%EF%BD%8F" class="mention hashtag" rel="tag">#<span>ｆｏｏ</span></a></p>',
  );
});

test('the tag URL is escaped', () => {
  const html = renderPlainText('#tag', { ...options, tagUrl: () => 'https://w.example/?a="1"&b' });
  assert.equal(
    html,
    '<p><a href="https://w.example/?a=&quot;1&quot;&amp;b" class="mention hashtag" rel="tag">#<span>tag</span></a></p>',
  );
});

test('a mention of a known account links to it, an unknown one stays text', () => {
  assert.equal(
    withMentions('@alice hi @nobody', [['alice', alice]]),
    '<p><span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span> hi @nobody</p>',
  );
});

test('mentions match without regard to case and show the account username', () => {
  assert.equal(
    withMentions('@ALICE', [['Alice', alice]]),
    '<p><span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span></p>',
  );
});

test('a remote account shows its username alone unless another mentioned account shares it', () => {
  assert.equal(
    withMentions('@bob@b.example', [['bob@b.example', bob]]),
    '<p><span class="h-card" translate="no"><a href="https://b.example/@bob" class="u-url mention">@<span>bob</span></a></span></p>',
  );
  assert.equal(
    withMentions('@alice @alice@remote.example', [
      ['alice', alice],
      ['alice@remote.example', remoteAlice],
    ]),
    '<p><span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span> ' +
      '<span class="h-card" translate="no"><a href="https://remote.example/@alice" class="u-url mention">@<span>alice@remote.example</span></a></span></p>',
  );
});

test('the same account typed two ways is not ambiguous', () => {
  assert.equal(
    withMentions('@alice @alice@w.example', [
      ['alice', alice],
      ['alice@w.example', alice],
    ]),
    '<p><span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span> ' +
      '<span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span></p>',
  );
});

test('an unresolved mention with HTML-like neighbours stays escaped text', () => {
  assert.equal(render('<@nobody>'), '<p>&lt;@nobody&gt;</p>');
});

test('profile field values: one line, rel="me", mentions with their domain', () => {
  assert.equal(
    renderPlainText('https://example.com\n@bob@b.example', {
      ...options,
      mentions: new Map([['bob@b.example', bob]]),
      multiline: false,
      relMe: true,
      withDomains: true,
    }),
    '<a href="https://example.com" target="_blank" rel="nofollow noopener me" translate="no"><span class="invisible">https://</span><span class="">example.com</span><span class="invisible"></span></a>\n' +
      '<span class="h-card" translate="no"><a href="https://b.example/@bob" class="u-url mention">@<span>bob@b.example</span></a></span>',
  );
});
