/**
 * Fedify asks its loader factories for a document and a context loader whenever it makes a
 * context, once per queued inbox message among others, and its own factories build a new
 * cached loader each time (a URLPattern from a slow polyfill: about 0.3 ms of CPU per
 * activity). Woolly's wrappers (document-loader.ts) make one per distinct options: these
 * tests check that the same loaders serve every message, that they still read legacy actor
 * documents, and that options which are not plain data still get a loader of their own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFederation, MemoryKvStore } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import { readLegacyActorDocuments } from '../../src/federation/document-loader.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { createNote, fixture, remoteActor } from './fake-remote.ts';
import { startFederatedWoolly, startWithFakeRemote } from './helpers.ts';

type Factory = (options?: unknown) => DocumentLoader;
interface Factories {
  documentLoaderFactory: Factory;
  contextLoaderFactory: Factory;
}

/** Replaces `name` on `federation` with a wrapper recording the loaders it hands out. */
function recordLoaders(federation: unknown, name: keyof Factories) {
  const factories = federation as Factories;
  const made = factories[name];
  const handed: DocumentLoader[] = [];
  factories[name] = (options) => {
    const loader = made(options);
    handed.push(loader);
    return loader;
  };
  return handed;
}

test('every queued inbox message is read with the same document and context loaders', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const federation = await w.loadFederation();
  const documents = recordLoaders(federation, 'documentLoaderFactory');
  const contexts = recordLoaders(federation, 'contextLoaderFactory');
  for (const n of [1, 2, 3]) {
    const create = createNote(remoteActor, `reuse-${n}`, `<p>Post ${n}</p>`);
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
  }
  await process();
  const stored = await w.deps.db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM statuses WHERE uri LIKE '%/statuses/reuse-%'",
  );
  assert.equal(Number(stored?.n), 3);
  // Asked for at least once per message, and the same loader every time.
  assert.ok(documents.length >= 3 && contexts.length >= 3);
  assert.equal(new Set(documents).size, 1);
  assert.equal(new Set(contexts).size, 1);
});

test("Fedify's own network loaders (as in production) are made once per distinct options", async (t) => {
  const w = await startFederatedWoolly(t, 'sqlite', {
    woolly: { federation: { allowPrivateAddress: true } },
  });
  const federation = await w.loadFederation();
  const a = federation.createContext(new URL(w.config.baseUrl), w.deps);
  const b = federation.createContext(new URL(`${w.config.baseUrl}/inbox`), w.deps);
  assert.equal(a.documentLoader, b.documentLoader);
  assert.equal(a.contextLoader, b.contextLoader);
  assert.notEqual(a.documentLoader, a.contextLoader);
  const factories = federation as unknown as Factories;
  const options = { allowPrivateAddress: true, userAgent: 'Woolly/test' };
  assert.equal(
    factories.documentLoaderFactory({ ...options }),
    factories.documentLoaderFactory({ ...options }),
  );
  assert.notEqual(
    factories.documentLoaderFactory(options),
    factories.documentLoaderFactory({ ...options, userAgent: 'Other/1' }),
  );
});

test('the reused loaders still read legacy actor documents; non-plain options are not shared', async () => {
  const relay = fixture('actor-activityrelay.json');
  const relayId = String(relay.id);
  let made = 0;
  const network: DocumentLoader = async (url) => ({
    contextUrl: null,
    documentUrl: url,
    document: url === relayId ? relay : { '@context': 'https://www.w3.org/ns/activitystreams' },
  });
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    documentLoaderFactory: () => {
      made += 1;
      return network;
    },
    contextLoaderFactory: () => network,
  });
  readLegacyActorDocuments(federation);
  const contexts = [1, 2, 3].map(() =>
    federation.createContext(new URL('https://woolly.test/'), undefined),
  );
  assert.equal(made, 1);
  assert.equal(new Set(contexts.map((c) => c.documentLoader)).size, 1);
  const { document } = await contexts[2]!.documentLoader(relayId);
  assert.deepEqual((document as { '@context': unknown })['@context'], [
    'https://www.w3.org/ns/activitystreams',
    'https://w3id.org/security/v1',
  ]);
  // An option that JSON cannot describe (a signal, a function) gets a loader of its own.
  const factories = federation as unknown as Factories;
  const signal = AbortSignal.timeout(1000);
  factories.documentLoaderFactory({ signal });
  factories.documentLoaderFactory({ signal });
  factories.documentLoaderFactory({ onFetch: () => {} });
  assert.equal(made, 4);
  // Plain data under another key is another loader, the same data again the same one.
  factories.documentLoaderFactory({ userAgent: { software: 'Woolly', url: 'https://a.test' } });
  factories.documentLoaderFactory({ userAgent: { software: 'Woolly', url: 'https://a.test' } });
  assert.equal(made, 5);
});
