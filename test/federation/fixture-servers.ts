/**
 * The servers the fixtures come from (Lemmy, PeerTube, Misskey, ...), faked on the fake
 * remote's network (fake-remote.ts): each actor the fixtures name is served under its own
 * id, from its actor fixture when there is one (with a key made for the test in place of
 * its own) or as a small Person otherwise, and activities are signed with that actor's key as
 * its server signs them. The fixtures keep their own hosts; only the local side (the
 * accounts and posts of this Woolly they name) is rewritten by each test.
 */
import { signRequest } from '@fedify/fedify';
import type { TestWoolly } from '../helpers/woolly.ts';
import { fixture, rsaKey, type FakeRemote } from './fake-remote.ts';

type Json = Record<string, unknown>;

const activityStreams = 'https://www.w3.org/ns/activitystreams';
const security = 'https://w3id.org/security/v1';

/**
 * `json` with the ActivityStreams and security contexts, for the Lemmy fixtures: Lemmy
 * sends them, its test fixtures leave them out (without them the document means nothing to
 * a JSON-LD reader such as Fedify).
 */
export function withContext(json: Json): Json {
  if (json['@context'] !== undefined) return json;
  return { '@context': [activityStreams, security], ...json };
}

/**
 * LitePub's context as Pleroma and Akkoma serve it at /schemas/litepub-0.1.jsonld (the terms
 * the fixtures use).
 */
const litepub = {
  '@context': [
    activityStreams,
    security,
    {
      litepub: 'http://litepub.social/ns#',
      toot: 'http://joinmastodon.org/ns#',
      schema: 'http://schema.org#',
      ostatus: 'http://ostatus.org#',
      Emoji: 'toot:Emoji',
      Hashtag: 'as:Hashtag',
      PropertyValue: 'schema:PropertyValue',
      value: 'schema:value',
      sensitive: 'as:sensitive',
      manuallyApprovesFollowers: 'as:manuallyApprovesFollowers',
      discoverable: 'toot:discoverable',
      atomUri: 'ostatus:atomUri',
      conversation: { '@id': 'ostatus:conversation', '@type': '@id' },
      capabilities: 'litepub:capabilities',
      directMessage: 'litepub:directMessage',
      EmojiReact: 'litepub:EmojiReact',
      ChatMessage: 'litepub:ChatMessage',
      quoteUrl: 'as:quoteUrl',
      alsoKnownAs: { '@id': 'as:alsoKnownAs', '@type': '@id' },
    },
  ],
};

/** The contexts the fixtures' servers name and serve themselves. */
const serverContexts: Record<string, unknown> = {
  'https://queer.hacktivis.me/schemas/litepub-0.1.jsonld': litepub,
  'https://greenish.red/schemas/litepub-0.1.jsonld': litepub,
  'https://patch.cx/schemas/litepub-0.1.jsonld': litepub,
  'https://pleroma.example/schemas/litepub-0.1.jsonld': litepub,
  // Funkwhale's and Mbin's own terms are left out: nothing Woolly reads depends on them.
  'https://funkwhale.audio/ns': { '@context': { funkwhale: 'https://funkwhale.audio/ns#' } },
  'https://fedia.io/contexts': {
    '@context': [activityStreams, security, { toot: 'http://joinmastodon.org/ns#' }],
  },
};

export interface FixtureServers {
  /**
   * Serves the actor fixture `name` (its key replaced by the test's, its text changed by
   * `replacements` as fixture() does); returns its id.
   */
  actor(name: string, replacements?: Record<string, string>): string;
  /**
   * Serves a small Person (or `type`, with `extra` properties) with id `id`, unless one is
   * served already; returns `id`.
   */
  stubActor(id: string, type?: string, extra?: Json): string;
  /** Serves `document` at `url` (its id by default): a post a boost or quote names, ... */
  serve(document: Json, url?: string): void;
  /** POSTs `activity` to the shared inbox, signed by its actor (served already). */
  deliver(w: TestWoolly, activity: Json): Promise<Response>;
}

export async function fixtureServers(remote: FakeRemote): Promise<FixtureServers> {
  const key = await rsaKey();
  for (const [url, context] of Object.entries(serverContexts)) remote.documents.set(url, context);
  const keyIds = new Map<string, string>();
  const publish = (actor: Json): string => {
    const id = String(actor.id);
    const publicKey = (actor.publicKey ?? {}) as Json;
    const keyId = typeof publicKey.id === 'string' ? publicKey.id : `${id}#main-key`;
    actor.publicKey = { ...publicKey, id: keyId, owner: id, publicKeyPem: key.pem };
    remote.documents.set(id, actor);
    // A key whose id is not a fragment of the actor's (GoToSocial's `/main-key`, BookWyrm's
    // `/#main-key` after an id without the slash) is found at its own address.
    remote.documents.set(keyId.replace(/#.*$/, ''), actor);
    keyIds.set(id, keyId);
    return id;
  };
  return {
    actor(name, replacements) {
      const actor = withContext(fixture(name, replacements));
      const context = actor['@context'];
      // The key is read with the security vocabulary, which a few actors leave to others.
      if (Array.isArray(context) && !context.includes(security)) context.push(security);
      if (typeof context === 'string') actor['@context'] = [context, security];
      return publish(actor);
    },
    stubActor(id, type = 'Person', extra = {}) {
      if (keyIds.has(id)) return id;
      const path = new URL(id).pathname.split('/').filter(Boolean);
      return publish({
        '@context': [
          activityStreams,
          security,
          {
            toot: 'http://joinmastodon.org/ns#',
            featured: { '@id': 'toot:featured', '@type': '@id' },
          },
        ],
        id,
        type,
        preferredUsername: path.at(-1) ?? 'actor',
        inbox: `${id}/inbox`,
        outbox: `${id}/outbox`,
        followers: `${id}/followers`,
        ...extra,
      });
    },
    serve(document, url = String(document.id)) {
      remote.documents.set(url, document);
    },
    async deliver(w, activity) {
      const actor = typeof activity.actor === 'string' ? activity.actor : null;
      const keyId = actor ? keyIds.get(actor) : undefined;
      if (!keyId) throw new Error(`no served actor signs for ${String(activity.actor)}`);
      const request = new Request(`${w.config.baseUrl}/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body: JSON.stringify(activity),
      });
      return w.http.request(await signRequest(request, key.cryptoKey, new URL(keyId)));
    },
  };
}
