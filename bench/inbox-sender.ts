/**
 * The load generator of bench/inbox.ts, in its own process (the server and the generator
 * share the machine's cores, so the generator does its costly part, RSA signing, before the
 * clock starts): simulated remote actors on `remote.test`, their actor documents and keys
 * served over HTTPS on loopback, and `Create(Note)` activities from them signed ahead of time
 * (draft-cavage HTTP signatures with digests, as Mastodon sends them) and then posted to the
 * server's shared inbox with a fixed number in flight.
 *
 * Protocol with the parent, one JSON object a line: it prints `{ actors: [...] }` once the
 * actors are served, reads `{ go: true }`, prints `{ signed }` once the requests are signed,
 * reads `{ send: true }`, and prints `{ accepted, failed, seconds, cpuSeconds }` when all were
 * answered.
 *
 * Usage (by bench/inbox.ts): node bench/inbox-sender.ts <inbox URL> <actors> <activities>
 *   <concurrency> <cert file> <key file> <port>
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:https';
import { createInterface } from 'node:readline';
import { exportSpki, generateCryptoKeyPair, signRequest } from '@fedify/fedify';

const [inboxArg, actorsArg, activitiesArg, concurrencyArg, certFile, keyFile, portArg] =
  process.argv.slice(2);
const inbox = new URL(inboxArg!);
const actorCount = Number(actorsArg);
const activityCount = Number(activitiesArg);
const concurrency = Number(concurrencyArg);
const origin = 'https://remote.test';

interface SimulatedActor {
  uri: string;
  username: string;
  keys: CryptoKeyPair;
  publicKeyPem: string;
}

const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
const lines = createInterface({ input: process.stdin });
const nextLine = () =>
  new Promise<string>((resolve) => lines.once('line', (line: string) => resolve(line)));

const actors: SimulatedActor[] = await Promise.all(
  Array.from({ length: actorCount }, async (_, i) => {
    const keys = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    const username = `sender${i}`;
    return {
      uri: `${origin}/users/${username}`,
      username,
      keys,
      publicKeyPem: await exportSpki(keys.publicKey),
    };
  }),
);
const byPath = new Map(actors.map((a) => [new URL(a.uri).pathname, a]));

function actorDocument(actor: SimulatedActor): object {
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id: actor.uri,
    type: 'Person',
    preferredUsername: actor.username,
    name: `Sender ${actor.username}`,
    inbox: `${actor.uri}/inbox`,
    outbox: `${actor.uri}/outbox`,
    followers: `${actor.uri}/followers`,
    following: `${actor.uri}/following`,
    endpoints: { sharedInbox: `${origin}/inbox` },
    url: `${origin}/@${actor.username}`,
    publicKey: { id: `${actor.uri}#main-key`, owner: actor.uri, publicKeyPem: actor.publicKeyPem },
  };
}

let documentsServed = 0;
const server = createServer(
  { cert: readFileSync(certFile!), key: readFileSync(keyFile!) },
  (req, res) => {
    const actor = byPath.get(new URL(req.url ?? '/', origin).pathname);
    if (!actor) {
      res.writeHead(404).end();
      return;
    }
    documentsServed += 1;
    res.writeHead(200, { 'content-type': 'application/activity+json' });
    res.end(JSON.stringify(actorDocument(actor)));
  },
);
await new Promise<void>((resolve) => server.listen(Number(portArg), '127.0.0.1', resolve));
say({ actors: actors.map((a) => ({ uri: a.uri, username: a.username, key: a.publicKeyPem })) });

// Signed ahead of time: RSA signing costs about as much as verifying, on the same cores.
await nextLine();
interface Prepared {
  headers: Record<string, string>;
  body: string;
}
const prepared: Prepared[] = [];
const published = new Date().toISOString();
for (let n = 0; n < activityCount; n++) {
  const actor = actors[n % actors.length]!;
  const note = `${actor.uri}/statuses/${n}`;
  const body = JSON.stringify({
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${note}/activity`,
    type: 'Create',
    actor: actor.uri,
    published,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    cc: [`${actor.uri}/followers`],
    object: {
      id: note,
      type: 'Note',
      attributedTo: actor.uri,
      content: `<p>Post number ${n} from ${actor.username}, with a few words to store.</p>`,
      published,
      url: `${origin}/@${actor.username}/${n}`,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      cc: [`${actor.uri}/followers`],
    },
  });
  const signed = await signRequest(
    new Request(inbox, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/activity+json' },
    }),
    actor.keys.privateKey,
    new URL(`${actor.uri}#main-key`),
  );
  prepared.push({ headers: Object.fromEntries(signed.headers), body });
}
say({ signed: prepared.length });

await nextLine();
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
let accepted = 0;
let failed = 0;
const statuses = new Map<number, number>();
const post = (p: Prepared) =>
  new Promise<void>((resolve) => {
    const req = request(
      inbox,
      {
        method: 'POST',
        agent,
        headers: { ...p.headers, 'content-length': Buffer.byteLength(p.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) accepted += 1;
          else failed += 1;
          resolve();
        });
      },
    );
    req.on('error', () => {
      failed += 1;
      resolve();
    });
    req.end(p.body);
  });
const started = performance.now();
const cpuBefore = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < prepared.length) await post(prepared[next++]!);
  }),
);
say({
  accepted,
  failed,
  seconds: (performance.now() - started) / 1000,
  statuses: Object.fromEntries(statuses),
  documentsServed,
  // User + system CPU seconds of the sending.
  cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuBefore)),
});
agent.destroy();
server.close();
lines.close();
