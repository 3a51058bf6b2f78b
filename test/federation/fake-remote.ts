/**
 * A fake remote Mastodon server for in-process inbox tests: its actor is the fixture
 * `actor-person.json` with a key made for the test, served (with the JSON-LD contexts
 * Fedify ships) by a document loader that never touches the network, and its activities
 * are the fixture activities rewritten to name this actor and the local Woolly, signed
 * with Fedify's signRequest as a real server signs them.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signRequest } from '@fedify/fedify';
import { preloadedContexts, type DocumentLoader } from '@fedify/vocab-runtime';
import type { TestWoolly } from '../helpers/woolly.ts';

const fixtures = new URL('../fixtures/activitypub/', import.meta.url);

export const remoteActor = 'https://masto.qa.urbanwildlife.biz/users/mastodon';
const keyId = new URL(`${remoteActor}#main-key`);

/** The fixture's JSON with the fixture's own hosts replaced (see `rewrite`). */
export function fixture(
  name: string,
  replacements: Record<string, string> = {},
): Record<string, unknown> {
  let text = readFileSync(new URL(name, fixtures), 'utf8');
  for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
  const json = JSON.parse(text) as Record<string, unknown>;
  // The LD signatures were made with the original servers' keys over the original text.
  delete json.signature;
  return json;
}

/** A public Create of a Note by `actor`, its post at `${actor}/statuses/${name}`. */
export function createNote(actor: string, name: string, content: string): Record<string, unknown> {
  const note = `${actor}/statuses/${name}`;
  return {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${note}/activity`,
    type: 'Create',
    actor,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    object: {
      id: note,
      type: 'Note',
      attributedTo: actor,
      content,
      published: '2026-11-01T12:00:00Z',
      to: ['https://www.w3.org/ns/activitystreams#Public'],
    },
  };
}

/**
 * Names the custom emoji :blobcat: in `actor`'s display name, with its Emoji tag (and the
 * context term), as Mastodon sends a profile with one; returns `actor`, changed.
 */
export function withEmojiInName(actor: Record<string, unknown>): Record<string, unknown> {
  actor['@context'] = [...(actor['@context'] as unknown[]), { Emoji: 'toot:Emoji' }];
  actor.name = 'Mastodon :blobcat:';
  actor.tag = [
    {
      type: 'Emoji',
      name: ':blobcat:',
      id: 'https://masto.qa.urbanwildlife.biz/emojis/1',
      icon: { type: 'Image', url: 'https://masto.qa.urbanwildlife.biz/emojis/blobcat.png' },
    },
  ];
  return actor;
}

/** A new RSA key pair: the public key as PEM, the private one to sign with. */
export async function rsaKey() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    cryptoKey: await crypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      true,
      ['sign'],
    ),
  };
}

export interface FakeRemote {
  documentLoader: DocumentLoader;
  /** Documents the loader serves, by URL (tests may add objects). */
  documents: Map<string, unknown>;
  /** POSTs `activity` to `path` on `w`, signed with the actor's key (or `key`). */
  deliver(
    w: TestWoolly,
    path: string,
    activity: unknown,
    options?: { sign?: 'actor' | 'other' | 'none' },
  ): Promise<Response>;
}

export async function fakeRemote(): Promise<FakeRemote> {
  const key = await rsaKey();
  const otherKey = await rsaKey();
  const actor = fixture('actor-person.json');
  (actor.publicKey as { publicKeyPem: string }).publicKeyPem = key.pem;
  actor.endpoints = { sharedInbox: 'https://masto.qa.urbanwildlife.biz/inbox' };
  const documents = new Map<string, unknown>([[remoteActor, actor]]);
  const documentLoader: DocumentLoader = async (url) => {
    const bare = url.replace(/#.*$/, '');
    // Some servers name the contexts with http:, which the real network redirects to https:.
    const document =
      documents.get(bare) ??
      preloadedContexts[url] ??
      preloadedContexts[url.replace(/^http:/, 'https:')];
    if (document === undefined) throw new Error(`the fake network has no ${url}`);
    return { contextUrl: null, documentUrl: bare, document };
  };
  return {
    documentLoader,
    documents,
    async deliver(w, path, activity, options = {}) {
      let request = new Request(`${w.config.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body: JSON.stringify(activity),
      });
      const sign = options.sign ?? 'actor';
      if (sign !== 'none') {
        request = await signRequest(
          request,
          sign === 'actor' ? key.cryptoKey : otherKey.cryptoKey,
          keyId,
        );
      }
      return w.http.request(request);
    },
  };
}
