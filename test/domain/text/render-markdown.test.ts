import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionTarget } from '../../../src/domain/statuses/text/entity-html.ts';
import { renderMarkdown } from '../../../src/domain/statuses/text/render-markdown.ts';

const alice: MentionTarget = { url: 'https://w.example/@alice', username: 'alice', acct: 'alice' };
const options = {
  mentions: new Map([['alice', alice]]),
  tagUrl: (name: string) => `https://w.example/tags/${name}`,
};
const render = (text: string) => renderMarkdown(text, options);

const mention =
  '<span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span>';
const hashtag = (name: string) =>
  `<a href="https://w.example/tags/${name}" class="mention hashtag" rel="tag">#<span>${name}</span></a>`;
const link = (url: string, shown: string) =>
  `<a href="${url}" target="_blank" rel="nofollow noopener" translate="no">` +
  `<span class="invisible">https://</span><span class="">${shown}</span><span class="invisible"></span></a>`;

test('emphasis, strikethrough and code', async () => {
  assert.equal(
    await render('**bold** _em_ ~~gone~~ `a < b`'),
    '<p><strong>bold</strong> <em>em</em> <del>gone</del> <code>a &lt; b</code></p>',
  );
});

test('paragraphs and line breaks as in a plain-text post, with no newlines between tags', async () => {
  assert.equal(await render('a\nb\n\nc'), '<p>a<br />b</p><p>c</p>');
  assert.equal(await render('a  \r\nb'), '<p>a<br />b</p>');
});

test('lists, quotes and code blocks; code keeps its lines', async () => {
  assert.equal(
    await render(
      '- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n```js\nlet a = 1;\n\nif (a < 2) {}\n```',
    ),
    '<ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li><li>four</li></ol>' +
      '<blockquote><p>quoted</p></blockquote><pre><code>let a = 1;\n\nif (a &lt; 2) {}</code></pre>',
  );
});

test('headings become bold paragraphs; rules, tables and indented code stay text', async () => {
  assert.equal(
    await render('# Title\n\nSub\n==='),
    '<p><strong>Title</strong></p><p><strong>Sub</strong></p>',
  );
  assert.equal(await render('---'), '<p>---</p>');
  assert.equal(await render('| a |\n|---|\n| 1 |'), '<p>| a |<br />|---|<br />| 1 |</p>');
  assert.equal(await render('    not code'), '<p>not code</p>');
});

test('raw HTML is shown as typed, never passed through', async () => {
  assert.equal(
    await render('<b>x</b> <script>alert(1)</script>'),
    '<p>&lt;b&gt;x&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>',
  );
  assert.equal(
    await render('<div onclick="x">\nhi\n</div>'),
    '<p>&lt;div onclick=&quot;x&quot;&gt;<br />hi<br />&lt;/div&gt;</p>',
  );
  assert.equal(await render('&lt;b&gt; &amp;'), '<p>&lt;b&gt; &amp;</p>');
});

test('links need a protocol Mastodon allows; titles are dropped', async () => {
  assert.equal(
    await render('[site](https://example.com "Title")'),
    '<p><a href="https://example.com" target="_blank" rel="nofollow noopener">site</a></p>',
  );
  assert.equal(await render('[x](javascript:alert(1))'), '<p>[x](javascript:alert(1))</p>');
  assert.equal(await render('[x](/relative)'), '<p>[x](/relative)</p>');
  assert.equal(await render('[x](mailto:a@example.com)'), '<p>[x](mailto:a@example.com)</p>');
  assert.equal(
    await render('[x](https://example.com/"onmouseover="alert(1))'),
    '<p><a href="https://example.com/%22onmouseover=%22alert(1)" target="_blank" rel="nofollow noopener">x</a></p>',
  );
});

test('an image is a link to the image', async () => {
  assert.equal(
    await render('![cat](https://example.com/cat.png)'),
    '<p>!<a href="https://example.com/cat.png" target="_blank" rel="nofollow noopener">cat</a></p>',
  );
});

test('bare URLs are shortened links, and Markdown punctuation inside them stays part of them', async () => {
  assert.equal(
    await render('see https://example.com/__init__ and **https://example.com/a_b**'),
    `<p>see ${link('https://example.com/__init__', 'example.com/__init__')} and <strong>${link('https://example.com/a_b', 'example.com/a_b')}</strong></p>`,
  );
  assert.equal(
    await render('<https://example.com>'),
    `<p>&lt;${link('https://example.com', 'example.com')}&gt;</p>`,
  );
});

test('a URL inside link text does not make a link inside a link', async () => {
  assert.equal(
    await render('[https://a.example.com](https://b.example.com)'),
    '<p><a href="https://b.example.com" target="_blank" rel="nofollow noopener">https://a.example.com</a></p>',
  );
});

test('hashtags and mentions are linked in formatted text but not in code or links', async () => {
  assert.equal(
    await render('**#tag** _@alice_ `#code @alice` [@alice](https://example.com)'),
    `<p><strong>${hashtag('tag')}</strong> <em>${mention}</em> <code>#code @alice</code> ` +
      '<a href="https://example.com" target="_blank" rel="nofollow noopener">@alice</a></p>',
  );
  assert.equal(await render('# #heading'), `<p><strong>${hashtag('heading')}</strong></p>`);
});

test('formatting does not separate words: no hashtag right after bold text or a URL', async () => {
  assert.equal(await render('**bold**#tag'), '<p><strong>bold</strong>#tag</p>');
  assert.equal(
    await render('https://example.com#tag'),
    `<p>${link('https://example.com', 'example.com')}#tag</p>`,
  );
  assert.equal(await render('line\n#tag'), `<p>line<br />${hashtag('tag')}</p>`);
});

test('a blank text renders to nothing', async () => {
  assert.equal(await render(' \n '), '');
});
