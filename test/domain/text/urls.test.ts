import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractEntities, extractUrls } from '../../../src/domain/statuses/text/extract.ts';

const urls = (text: string): string[] => extractUrls(text).map((entity) => entity.url);

test('a URL is found whole, with its position', () => {
  const text = 'see https://hackernoon.com/the-power-to-build-communities-3f2cac9148a4 now';
  assert.deepEqual(extractUrls(text), [
    {
      type: 'url',
      url: 'https://hackernoon.com/the-power-to-build-communities-3f2cac9148a4',
      start: 4,
      end: 70,
    },
  ]);
});

test('punctuation that ends a sentence is not part of the URL', () => {
  assert.deepEqual(urls('http://www.example.com/post/156408871451/scottsdale-arizona. Next'), [
    'http://www.example.com/post/156408871451/scottsdale-arizona',
  ]);
  assert.deepEqual(urls('http://www.google.com!'), ['http://www.google.com']);
  assert.deepEqual(urls("http://www.google.com'"), ['http://www.google.com']);
  assert.deepEqual(urls('http://www.google.com>'), ['http://www.google.com']);
  assert.deepEqual(urls('https://example.com/foo...'), ['https://example.com/foo']);
  assert.deepEqual(urls('https://example.com/a,b,c, and'), ['https://example.com/a,b,c']);
  assert.deepEqual(urls('https://example.com/foo? Really'), ['https://example.com/foo']);
  assert.deepEqual(urls('https://example.com/*bold*'), ['https://example.com/*bold']);
  assert.deepEqual(urls('https://example.com/~'), ['https://example.com/']);
  assert.deepEqual(urls('https://example.com/~user'), ['https://example.com/~user']);
});

test('a query string and fragment are kept, but not what closes the sentence after them', () => {
  assert.deepEqual(urls('Visit https://example.com/path?query=1&b=2#frag.'), [
    'https://example.com/path?query=1&b=2#frag',
  ]);
  assert.deepEqual(urls('https://www.ruby-toolbox.com/search?utf8=%E2%9C%93&q=autolink'), [
    'https://www.ruby-toolbox.com/search?utf8=%E2%9C%93&q=autolink',
  ]);
  assert.deepEqual(urls('https://www.ruby-toolbox.com/search?utf8=✓&q=autolink'), [
    'https://www.ruby-toolbox.com/search?utf8=✓&q=autolink',
  ]);
  assert.deepEqual(urls('https://www.ruby-toolbox.com/search?utf8=✓'), [
    'https://www.ruby-toolbox.com/search?utf8=✓',
  ]);
});

test('parentheses belong to a URL only in balanced pairs', () => {
  assert.deepEqual(urls('https://en.wikipedia.org/wiki/Diaspora_(software)'), [
    'https://en.wikipedia.org/wiki/Diaspora_(software)',
  ]);
  assert.deepEqual(urls('(see https://en.wikipedia.org/wiki/Diaspora_(software))'), [
    'https://en.wikipedia.org/wiki/Diaspora_(software)',
  ]);
  assert.deepEqual(urls('(http://google.com/)'), ['http://google.com/']);
  assert.deepEqual(urls('https://example.com/foo) bar'), ['https://example.com/foo']);
  assert.deepEqual(urls('https://example.com/a(b(c)d)e'), ['https://example.com/a(b(c)d)e']);
  assert.deepEqual(urls('https://example.com/path_(with)_parens'), [
    'https://example.com/path_(with)_parens',
  ]);
});

test('quotes and brackets around a URL are left out', () => {
  assert.deepEqual(urls('"https://example.com/"'), ['https://example.com/']);
  assert.deepEqual(urls('<https://example.com/>'), ['https://example.com/']);
  assert.deepEqual(urls('「[https://example.org/」'), ['https://example.org/']);
  assert.deepEqual(urls('https://example.com/　abc123'), ['https://example.com/']);
});

test('non-ASCII paths, query strings and domains are linked', () => {
  assert.deepEqual(urls('https://ja.wikipedia.org/wiki/日本'), [
    'https://ja.wikipedia.org/wiki/日本',
  ]);
  assert.deepEqual(urls('https://ko.wikipedia.org/wiki/대한민국'), [
    'https://ko.wikipedia.org/wiki/대한민국',
  ]);
  assert.deepEqual(urls('https://baike.baidu.com/item/中华人民共和国'), [
    'https://baike.baidu.com/item/中华人民共和国',
  ]);
  assert.deepEqual(urls('https://nic.みんな/'), ['https://nic.みんな/']);
  assert.deepEqual(urls('https://пример.рф/путь?q=1!'), ['https://пример.рф/путь?q=1']);
  assert.deepEqual(urls('https://mañana.com/'), ['https://mañana.com/']);
});

test('only URLs with a protocol Mastodon links and a known top-level domain count', () => {
  assert.deepEqual(urls('example.com and www.example.com/path'), []);
  assert.deepEqual(urls('http://localhost:3000/ and http://intranet/'), []);
  assert.deepEqual(urls('ftp://example.com/file'), []);
  assert.deepEqual(urls('javascript:alert(1) data:text/html,x'), []);
  assert.deepEqual(urls('http://example.gay gemini://example.org/ dat://example.com'), [
    'http://example.gay',
    'gemini://example.org/',
    'dat://example.com',
  ]);
  assert.deepEqual(urls('HTTPS://EXAMPLE.COM/X'), ['HTTPS://EXAMPLE.COM/X']);
  assert.deepEqual(urls('http://example.onion/'), ['http://example.onion/']);
});

test('a URL must not follow a letter, digit, @, $ or #', () => {
  assert.deepEqual(urls('xhttps://example.com'), []);
  assert.deepEqual(urls('#https://example.com'), []);
  assert.deepEqual(urls('@https://example.com'), []);
  assert.deepEqual(urls('(https://example.com)'), ['https://example.com']);
  assert.deepEqual(urls('a:https://example.com'), ['https://example.com']);
});

test('ports, user-looking paths and HTML-looking text', () => {
  assert.deepEqual(urls('https://example.com:8443/x'), ['https://example.com:8443/x']);
  assert.deepEqual(urls('https://mastodon.social/@Gargron/123 here'), [
    'https://mastodon.social/@Gargron/123',
  ]);
  assert.deepEqual(urls('http://example.com/b<del>b</del>'), ['http://example.com/b']);
  assert.deepEqual(urls('http://example.com/blahblah/a<script>alert("x")</script>'), [
    'http://example.com/blahblah/a',
  ]);
});

test('a backslash counts as a domain character, as in twitter-text', () => {
  // Mastodon finds this URL and then fails to parse it, so it renders as text (see the
  // rendering tests); it still counts as a URL for the length limit.
  assert.deepEqual(urls('http://www\\.google\\.com'), ['http://www\\.google\\.com']);
});

test('a t.co link is only its slug', () => {
  assert.deepEqual(urls('https://t.co/abc123xyz/extra'), ['https://t.co/abc123xyz']);
});

test('a URL whose domain cannot become ASCII is not a URL', () => {
  const label = 'a'.repeat(64); // DNS labels hold at most 63 characters
  assert.deepEqual(urls(`https://${label}.com/`), []);
});

test('xmpp: and magnet: links are entities of a post', () => {
  const found = (text: string) =>
    extractEntities(text).flatMap((entity) => (entity.type === 'url' ? [entity.url] : []));
  assert.deepEqual(found('xmpp:user@instance.com'), ['xmpp:user@instance.com']);
  assert.deepEqual(found('please join xmpp:muc@instance.com?join right now'), [
    'xmpp:muc@instance.com?join',
  ]);
  assert.deepEqual(found('magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a.'), [
    'magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a',
  ]);
});

test('scanning stays fast on long texts without spaces', () => {
  const texts = [
    '日本語'.repeat(2000) + ' https://example.com',
    'a.'.repeat(3000) + ':',
    'https://example.com/' + '('.repeat(3000),
    'https://example.com/' + 'a('.repeat(2000) + '!',
    'http://' + 'a-'.repeat(3000),
  ];
  for (const text of texts) {
    const started = performance.now();
    extractEntities(text);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `${elapsed} ms for ${text.slice(0, 20)}…`);
  }
});
