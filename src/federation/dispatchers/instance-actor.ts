/**
 * The instance actor at /actor (Mastodon's: an Application named after the domain). Servers
 * in authorized-fetch mode ask for it, and it has its own key pair, made on first use and
 * kept in the key-value store so every process signs with the same one.
 */
import type { Context } from '@fedify/fedify';
import { Application, Endpoints } from '@fedify/vocab';
import { newAccountKeyPair } from '../../domain/accounts/keys.ts';
import type { Deps } from '../../domain/context.ts';
import { DatabaseKvStore } from '../kv-store.ts';
import { cryptoKeyPair } from '../keys.ts';

/** The actor identifier the /actor path maps to; no username can contain a dot. */
export const instanceActorIdentifier = 'instance.actor';

const keyName = ['woolly', 'instanceActorKey'] as const;

interface PemPair {
  publicKey: string;
  privateKey: string;
}

/** The pair, per database, for a few minutes: Fedify asks for it for every inbox message. */
const kept = new WeakMap<Deps['db'], { pair: Promise<CryptoKeyPair>; until: number }>();
const keptForMs = 5 * 60_000;

export function instanceActorKeyPair(deps: Deps): Promise<CryptoKeyPair> {
  const now = performance.now();
  const held = kept.get(deps.db);
  if (held && held.until > now) return held.pair;
  const pair = loadInstanceActorKeyPair(deps);
  kept.set(deps.db, { pair, until: now + keptForMs });
  pair.catch(() => kept.delete(deps.db));
  return pair;
}

async function loadInstanceActorKeyPair(deps: Deps): Promise<CryptoKeyPair> {
  const kv = new DatabaseKvStore(deps.db, deps.clock);
  let pair = await kv.get<PemPair>(keyName);
  if (!pair) {
    const made = await newAccountKeyPair();
    // Two processes may race here; whichever stored first wins and both use it.
    await kv.cas(keyName, undefined, made);
    pair = (await kv.get<PemPair>(keyName)) ?? made;
  }
  return cryptoKeyPair(pair.publicKey, pair.privateKey);
}

export async function instanceActor(ctx: Context<Deps>): Promise<Application> {
  const keys = await ctx.getActorKeyPairs(instanceActorIdentifier);
  const domain = ctx.data.config.localDomain;
  return new Application({
    id: ctx.getActorUri(instanceActorIdentifier),
    preferredUsername: domain,
    url: new URL(`${ctx.origin}/about/more?instance_actor=true`),
    inbox: ctx.getInboxUri(instanceActorIdentifier),
    outbox: ctx.getOutboxUri(instanceActorIdentifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    manuallyApprovesFollowers: true,
  });
}
