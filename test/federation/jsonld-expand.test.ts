/**
 * federation/jsonld-expand.ts must give exactly what jsonld.js's expand gives (same values,
 * same key order), since Fedify reads every activity through it. Compared here on every JSON
 * document under test/fixtures (real activities, actors and collections from many servers,
 * and Mastodon API entities, which are no JSON-LD at all), on every node of their
 * expansions (what Fedify's class levels expand again), on synthetic edge cases, and through
 * Fedify's parse and serialization of each fixture with and without the shortcut.
 *
 * Contexts come from Fedify's preloaded copies; the few the fixtures name that Fedify does
 * not ship (litepub, Funkwhale's, Mbin's) are served empty, so that nothing is fetched.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Create, Object as APObject } from '@fedify/vocab';
import jsonld from '@fedify/vocab-runtime/jsonld';
import { preloadedContexts, type DocumentLoader } from '@fedify/vocab-runtime';
import {
  expand,
  expandedCopy,
  installFastExpand,
  jsonldExpand,
  uninstallFastExpand,
} from '../../src/federation/jsonld-expand.ts';

type Json = Record<string, unknown>;

const fixturesRoot = join(import.meta.dirname, '..', 'fixtures');

const documentLoader: DocumentLoader = async (url) => {
  const known = preloadedContexts[url] ?? preloadedContexts[url.replace(/^http:/, 'https:')];
  return { contextUrl: null, documentUrl: url, document: known ?? { '@context': {} } };
};

function fixtureDocuments(): [string, unknown][] {
  const documents: [string, unknown][] = [];
  for (const folder of readdirSync(fixturesRoot, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(fixturesRoot, folder.name))) {
      if (!name.endsWith('.json')) continue;
      const text = readFileSync(join(fixturesRoot, folder.name, name), 'utf8');
      documents.push([`${folder.name}/${name}`, JSON.parse(text)]);
    }
  }
  for (const name of readdirSync(fixturesRoot)) {
    if (name.endsWith('.json')) {
      documents.push([name, JSON.parse(readFileSync(join(fixturesRoot, name), 'utf8'))]);
    }
  }
  return documents;
}

/** What a call gives: its value, or its error's name and message. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Equal values with the keys in the same order. */
function assertSame(actual: unknown, expected: unknown, label: string): void {
  assert.deepStrictEqual(actual, expected, label);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), `${label} (key order)`);
}

/** Every node object of an expanded document (what Fedify's class levels expand again). */
function nodesOf(value: unknown, nodes: Json[] = []): Json[] {
  if (Array.isArray(value)) {
    for (const item of value) nodesOf(item, nodes);
  } else if (typeof value === 'object' && value !== null) {
    const object = value as Json;
    if (!('@value' in object) && !('@list' in object)) nodes.push(object);
    for (const [key, item] of Object.entries(object)) if (key !== '@value') nodesOf(item, nodes);
  }
  return nodes;
}

const variants = [
  { documentLoader },
  { documentLoader, keepFreeFloatingNodes: true },
  { documentLoader, keepFreeFloatingNodes: false },
];

test("Fedify's vocabulary calls the installed expand on jsonld's default export", async () => {
  installFastExpand();
  const module = jsonld as unknown as { expand: typeof expand };
  assert.equal(module.expand, expand);
  let calls = 0;
  module.expand = (input, options) => {
    calls++;
    return expand(input, options);
  };
  try {
    const create = await Create.fromJsonLd(
      {
        '@context': 'https://www.w3.org/ns/activitystreams',
        type: 'Create',
        id: 'https://r.example/a/1/activity',
        actor: 'https://r.example/a',
        object: { type: 'Note', id: 'https://r.example/a/1', content: 'hi' },
      },
      { documentLoader, contextLoader: documentLoader },
    );
    assert.ok(create instanceof Create);
    assert.ok(calls >= 4, `expand called ${calls} times`);
  } finally {
    module.expand = expand;
  }
});

test('every fixture document and every node of its expansion expands as jsonld.js expands it', async () => {
  let copied = 0;
  for (const [name, document] of fixtureDocuments()) {
    for (const options of variants) {
      const label = `${name} ${JSON.stringify(Object.keys(options))}`;
      const expected = await outcome(() => jsonldExpand(structuredClone(document), options));
      // The first call expands, the second is the remembered expansion of the same object.
      const input = structuredClone(document);
      assertSame(await outcome(() => expand(input, options)), expected, label);
      assertSame(await outcome(() => expand(input, options)), expected, `${label} again`);
      if (!('value' in (expected as Json))) continue;

      for (const node of nodesOf((expected as { value: unknown }).value)) {
        const fromJsonld = await outcome(() => jsonldExpand(structuredClone(node), options));
        assertSame(await outcome(() => expand(node, options)), fromJsonld, `${label} node`);
        const copy = expandedCopy(node, options.keepFreeFloatingNodes === true);
        if (copy) {
          copied++;
          assertSame({ value: copy }, fromJsonld, `${label} copied node`);
        }
      }
    }
  }
  // The shortcut is taken on most of them, not on none.
  assert.ok(copied > 1000, `${copied} nodes copied`);
});

const as = 'https://www.w3.org/ns/activitystreams#';
const xsd = 'http://www.w3.org/2001/XMLSchema#';

/** Expanded-looking documents, some that expand to themselves and some that do not. */
const syntheticDocuments: Record<string, Json> = {
  'node with values of every kind': {
    '@id': 'https://r.example/1',
    '@type': [`${as}Note`, 'https://other.example/ns#Thing'],
    [`${as}content`]: [
      { '@value': '<p>hi</p>' },
      { '@value': '<p>salut</p>', '@language': 'fr' },
      { '@value': '<p>hello</p>', '@language': 'en-gb' },
    ],
    [`${as}published`]: [{ '@type': `${xsd}dateTime`, '@value': '2026-11-01T12:00:00Z' }],
    'https://other.example/ns#count': [{ '@value': 3 }, { '@value': 2.5, '@type': `${xsd}double` }],
    'http://joinmastodon.org/ns#sensitive': [{ '@value': false }],
    [`${as}tag`]: [],
    [`${as}to`]: [{ '@id': `${as}Public` }, { '@id': `${as}Public` }],
  },
  'lists, empty lists and lists of nodes': {
    '@id': 'https://r.example/2',
    [`${as}orderedItems`]: [
      { '@list': [{ '@id': 'https://r.example/a' }, { '@value': 'x' }, { '@id': '_:b1' }] },
    ],
    [`${as}items`]: [{ '@list': [] }],
  },
  'nested nodes, blank nodes and an empty node': {
    '@id': '_:b0',
    [`${as}object`]: [
      {
        '@type': [`${as}Note`],
        [`${as}attachment`]: [
          { '@type': [`${as}Image`], [`${as}url`]: [{ '@id': 'https://r.example/i.png' }] },
        ],
      },
      {},
      { '@id': 'https://r.example/only-id' },
    ],
  },
  'free-floating node with only @id': { '@id': 'https://r.example/3' },
  'empty top-level node': {},
  'upper-case language tag (lower-cased by jsonld)': {
    [`${as}content`]: [{ '@value': 'hi', '@language': 'EN' }],
  },
  'invalid language tag': { [`${as}content`]: [{ '@value': 'hi', '@language': 'not a tag' }] },
  'list of lists': { [`${as}items`]: [{ '@list': [{ '@list': [{ '@value': 1 }] }] }] },
  '@list with @index': { [`${as}items`]: [{ '@list': [{ '@value': 1 }], '@index': 'a' }] },
  '@set': { [`${as}items`]: [{ '@set': [{ '@value': 1 }] }] },
  '@index': { [`${as}items`]: [{ '@value': 1, '@index': 'a' }] },
  '@direction': { [`${as}name`]: [{ '@value': 'x', '@language': 'ar', '@direction': 'rtl' }] },
  '@json value': { [`${as}name`]: [{ '@value': { a: 1 }, '@type': '@json' }] },
  '@graph': { '@graph': [{ '@id': 'https://r.example/4', [`${as}name`]: [{ '@value': 'x' }] }] },
  '@reverse': {
    '@id': 'https://r.example/5',
    '@reverse': { [`${as}actor`]: [{ '@id': 'https://r.example/6' }] },
  },
  '@included': {
    '@id': 'https://r.example/7',
    '@included': [{ '@id': 'https://r.example/8', [`${as}name`]: [{ '@value': 'x' }] }],
  },
  'null @value': { [`${as}name`]: [{ '@value': null }] },
  'relative @id': { '@id': 'statuses/1', [`${as}name`]: [{ '@value': 'x' }] },
  'empty @type': { '@id': 'https://r.example/9', '@type': [] },
  'single @type not in an array': { '@id': 'https://r.example/10', '@type': `${as}Note` },
  'term that is not an IRI': { '@id': 'https://r.example/11', name: 'dropped' },
  'compact IRI key (an IRI of scheme as: unless a context says otherwise)': {
    '@id': 'https://r.example/15',
    'as:name': [{ '@value': 'x' }],
  },
  'blank node property': { '@id': 'https://r.example/12', '_:p': [{ '@value': 'x' }] },
  'bare scalar value': { '@id': 'https://r.example/13', [`${as}name`]: ['x'] },
  'value not in an array': { '@id': 'https://r.example/14', [`${as}name`]: { '@value': 'x' } },
  'language on a number': { [`${as}name`]: [{ '@value': 1, '@language': 'en' }] },
  'blank node @type of a value': { [`${as}name`]: [{ '@value': 'x', '@type': '_:t' }] },
  'top-level value object': { '@value': 'x' },
  'top-level list object': { '@list': [{ '@value': 'x' }] },
};

/** Compact documents with inline contexts: language maps, sets, lists, nesting, blank nodes. */
const compactDocuments: Record<string, Json> = {
  'language map, set and list containers': {
    '@context': [
      'https://www.w3.org/ns/activitystreams',
      {
        tags: { '@id': 'as:tag', '@container': '@set' },
        ordered: { '@id': 'as:items', '@container': '@list' },
        names: { '@id': 'as:name', '@container': '@language' },
      },
    ],
    id: 'https://r.example/20',
    type: 'Note',
    contentMap: { en: '<p>Hi</p>', 'DE-at': '<p>Servus</p>' },
    names: { fr: 'Salut' },
    tags: [{ type: 'Hashtag', name: '#x' }],
    ordered: ['https://r.example/a', { type: 'Note', content: 'inner' }],
  },
  'nested objects and blank nodes': {
    '@context': 'https://www.w3.org/ns/activitystreams',
    type: 'Create',
    actor: { type: 'Person', id: '_:someone', name: 'A' },
    object: { type: 'Note', attachment: [{ type: 'Image', url: 'https://r.example/i.png' }] },
  },
};

test('synthetic expanded and compact documents expand as jsonld.js expands them', async () => {
  const documents = { ...syntheticDocuments, ...compactDocuments };
  for (const [name, document] of Object.entries(documents)) {
    for (const options of [
      ...variants,
      { documentLoader, base: 'https://base.example/dir/' },
      { documentLoader, keepFreeFloatingNodes: true, expandContext: { as, name: 'as:name' } },
    ]) {
      const label = `${name} ${JSON.stringify(Object.keys(options))}`;
      const expected = await outcome(() => jsonldExpand(structuredClone(document), options));
      assertSame(await outcome(() => expand(document, options)), expected, label);
      assertSame(await outcome(() => expand(document, options)), expected, `${label} again`);
    }
  }
  // The cases meant to be copied are copied.
  assert.ok(expandedCopy(syntheticDocuments['node with values of every kind'] as Json, false));
  assert.ok(
    expandedCopy(syntheticDocuments['lists, empty lists and lists of nodes'] as Json, true),
  );
  assert.ok(expandedCopy(syntheticDocuments['free-floating node with only @id'] as Json, true));
  assert.equal(
    expandedCopy(syntheticDocuments['free-floating node with only @id'] as Json, false),
    undefined,
  );
  assert.equal(expandedCopy(syntheticDocuments['@set'] as Json, true), undefined);
});

test('what expand returns is the caller’s to change, and a changed input is expanded again', async () => {
  const options = { documentLoader, keepFreeFloatingNodes: true };
  for (const document of [
    syntheticDocuments['node with values of every kind'] as Json,
    compactDocuments['nested objects and blank nodes'] as Json,
  ]) {
    const expected = await jsonldExpand(structuredClone(document), options);
    for (let i = 0; i < 3; i++) {
      const result = (await expand(document, options)) as Json[];
      assertSame(result, expected, `result ${i}`);
      (result[0]!['@type'] as string[]).push('https://other.example/ns#Changed');
      (result[0]![`${as}object`] as unknown[] | undefined)?.pop();
    }
  }

  const document = structuredClone(compactDocuments['nested objects and blank nodes'] as Json);
  await expand(document, options);
  (document.object as Json).content = 'changed';
  assertSame(
    await expand(document, options),
    await jsonldExpand(document, options),
    'changed input',
  );

  // The same object read with another loader, whose context says something else.
  const otherLoader: DocumentLoader = async (url) => ({
    contextUrl: null,
    documentUrl: url,
    document: {
      '@context': { content: 'https://other.example/ns#content', type: '@type', id: '@id' },
    },
  });
  const withOther = { documentLoader: otherLoader, keepFreeFloatingNodes: true };
  assertSame(
    await expand(document, withOther),
    await jsonldExpand(document, withOther),
    'other loader',
  );
});

test('every fixture reads and writes the same through Fedify with and without the shortcut', async () => {
  const options = { documentLoader, contextLoader: documentLoader };
  const written = async (document: unknown) =>
    outcome(async () => {
      const object = await APObject.fromJsonLd(structuredClone(document), options);
      return {
        type: object.constructor.name,
        compact: await object.toJsonLd({ format: 'compact', contextLoader: documentLoader }),
        expanded: await object.toJsonLd({ format: 'expand', contextLoader: documentLoader }),
      };
    });
  let parsed = 0;
  try {
    for (const [name, document] of fixtureDocuments()) {
      if (typeof document !== 'object' || document === null || Array.isArray(document)) continue;
      uninstallFastExpand();
      const expected = await written(document);
      installFastExpand();
      assertSame(await written(document), expected, name);
      if ('value' in (expected as Json)) parsed++;
    }
  } finally {
    installFastExpand();
  }
  assert.ok(parsed > 80, `${parsed} fixtures parsed`);
});
