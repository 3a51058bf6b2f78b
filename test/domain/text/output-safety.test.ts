/**
 * Whatever a user types, the HTML holds only the elements and attributes Woolly writes itself.
 * The inputs are random mixes of fragments that have broken Markdown and linkers before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../../src/domain/statuses/text/render-markdown.ts';
import { renderPlainText } from '../../../src/domain/statuses/text/render-plain.ts';

const fragments = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'",
  '&lt;b&gt;',
  '&#60;script&#62;',
  '[x](javascript:alert(1))',
  '[x](/relative)',
  '[x](mailto:a@example.com)',
  '[x](ftp://example.com)',
  '[x](https://example.com/"onmouseover="alert(1))',
  '![x](https://example.com/x.png"onerror="alert(1))',
  '<https://example.com/<script>>',
  'https://example.com/a_(b)_c?d=<e>&f="g"',
  'http://www\\.evil\\.com',
  '@alice',
  '@alice@example.com',
  '#tag',
  '#"><b>',
  '**',
  '_',
  '~~',
  '`',
  '```\n<b>code</b>\n```',
  '\n',
  '\n\n',
  '> ',
  '- ',
  '1. ',
  '# ',
  '    ',
  '<!-- -->',
  '<div>',
  'xmpp:a@example.com?x"y',
  'text',
];

const allowed = new Map([
  ['p', []],
  ['br', []],
  ['a', ['href', 'target', 'rel', 'translate', 'class']],
  ['span', ['class', 'translate']],
  ['strong', []],
  ['em', []],
  ['del', []],
  ['code', []],
  ['pre', []],
  ['blockquote', []],
  ['ul', []],
  ['ol', ['start']],
  ['li', []],
]);

/** Every tag in the HTML is allowed, with allowed attributes and quoted values only. */
function assertOnlyAllowedMarkup(html: string, source: string): void {
  const withoutTags = html.replace(
    /<\/?([a-z]+)((?:\s+[a-z]+="[^"<>]*")*)\s*\/?>/g,
    (_, name: string, attrs: string) => {
      const permitted = allowed.get(name);
      assert.ok(permitted, `<${name}> from ${JSON.stringify(source)}`);
      for (const [, attribute] of attrs.matchAll(/\s+([a-z]+)=/g)) {
        assert.ok(
          permitted.includes(attribute ?? ''),
          `${name}[${attribute}] from ${JSON.stringify(source)}`,
        );
      }
      return '';
    },
  );
  assert.doesNotMatch(withoutTags, /[<>]/, `stray markup from ${JSON.stringify(source)}: ${html}`);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
  for (const href of hrefs) {
    assert.match(
      href,
      /^(?:https?:\/\/|xmpp:|magnet:)/,
      `href ${href} from ${JSON.stringify(source)}`,
    );
  }
}

/** A small deterministic generator, so that a failure can be reproduced. */
function* randomTexts(count: number): Generator<string> {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    const length = 1 + (next() % 8);
    let text = '';
    for (let j = 0; j < length; j++) {
      text += fragments[next() % fragments.length] + (next() % 3 === 0 ? ' ' : '');
    }
    yield text;
  }
}

const options = {
  mentions: new Map([
    ['alice', { url: 'https://w.example/@alice', username: 'alice', acct: 'alice' }],
    [
      'alice@example.com',
      { url: 'https://example.com/@alice', username: 'alice', acct: 'alice@example.com' },
    ],
  ]),
  tagUrl: (name: string) => `https://w.example/tags/${encodeURIComponent(name)}`,
};

test('plain-text posts produce only Woolly markup', () => {
  for (const text of randomTexts(2000))
    assertOnlyAllowedMarkup(renderPlainText(text, options), text);
});

test('Markdown posts produce only the allowed markup', async () => {
  for (const text of randomTexts(2000)) {
    assertOnlyAllowedMarkup(await renderMarkdown(text, options), text);
  }
});
