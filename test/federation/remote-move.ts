/**
 * The fake remote's actor moving to a new account on its server, for the Move tests: the
 * fixture hosts rewritten to the fake remote's, the new account's document and the Move.
 */
import { fixture, remoteActor, type FakeRemote } from './fake-remote.ts';

/** The fixtures' hosts as the Move tests rewrite them (see `fixture`). */
export const moveHosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};

/** The account the remote actor moves to, on the same server. */
export const newHome = 'https://masto.qa.urbanwildlife.biz/users/newhome';

/**
 * Serves the new account's actor document (the old actor's, with its own id, name, inbox and
 * key id), naming the old account in `alsoKnownAs` unless `aliased` is false; returns it.
 */
export function publishNewHome(remote: FakeRemote, aliased = true): Record<string, unknown> {
  const actor = remote.documents.get(remoteActor) as Record<string, unknown>;
  const home: Record<string, unknown> = {
    ...actor,
    id: newHome,
    preferredUsername: 'newhome',
    inbox: `${newHome}/inbox`,
    publicKey: { ...(actor.publicKey as object), id: `${newHome}#main-key`, owner: newHome },
    ...(aliased ? { alsoKnownAs: [remoteActor] } : {}),
  };
  remote.documents.set(newHome, home);
  return home;
}

/** The remote actor's Move to `newHome`, as its server sends it. */
export function moveToNewHome(): Record<string, unknown> {
  return fixture('move.json', {
    'https://mastodon.example/users/alice': remoteActor,
    'https://alice.com/users/109835986274379': newHome,
  });
}
