/**
 * Inbound federation, stage by stage, in one process and without a network: what the shared
 * inbox costs to accept a signed `Create(Note)` (signature checked, activity durably queued,
 * 202), and what the queued work costs to process (post stored, fanned out to the home feeds
 * of the local followers, everything it enqueued run), in CPU time per activity. Where
 * bench/inbox.ts measures a real server under load end to end, this one says which half of
 * the work a change moved.
 *
 * The remote actor is the fake remote server of the federation tests (its documents come from
 * a document loader, so no request leaves the process); every activity is signed before the
 * clock starts. `MASTODON_CONTEXT=1` sends the activities with Mastodon's full `@context`
 * (an inline extension context), which costs more to read than the bare ActivityStreams one.
 * `BENCH_CPU_PROF=dir` writes one CPU profile per stage there (summarise with
 * `node bench/inbox-profile.ts dir/<stage>`). The processing runs on the job workers as
 * `woolly start` runs them (batched claims, several loops), first the inbox jobs alone, then
 * the jobs they made.
 *
 * Usage: node bench/inbox-stages.ts [activities=2000] [sqlite|postgres|both] [local followers=10] [in flight=32]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '@fedify/fedify';
import { createWoolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import { checkpointWhileBusy } from '../src/db/sqlite-checkpointer.ts';
import type { QueueName } from '../src/core/queue.ts';
import type { Database } from '../src/db/database.ts';
import { insertFollow } from '../src/db/repositories/follows.ts';
import type { EmbeddedJobs } from '../src/jobs/embedded.ts';
import { buildHomeFeed } from '../src/domain/timelines/home-feed.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { fakeRemote, remoteActor, rsaKey } from '../test/federation/fake-remote.ts';
import { seedAccounts } from './seed.ts';
import { fixed } from './stats.ts';

const activities = Number(process.argv[2] ?? 2000);
const which = process.argv[3] ?? 'both';
const localFollowers = Number(process.argv[4] ?? 10);
const inFlight = Number(process.argv[5] ?? 32);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];
const profileDir = process.env.BENCH_CPU_PROF;

const mastodonContext = [
  'https://www.w3.org/ns/activitystreams',
  {
    ostatus: 'http://ostatus.org#',
    atomUri: 'ostatus:atomUri',
    inReplyToAtomUri: 'ostatus:inReplyToAtomUri',
    conversation: 'ostatus:conversation',
    sensitive: 'as:sensitive',
    toot: 'http://joinmastodon.org/ns#',
    votersCount: 'toot:votersCount',
  },
];

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `stage`, profiling it into `profileDir` when asked. */
async function profiled<T>(name: string, stage: () => Promise<T>): Promise<T> {
  if (!profileDir) return stage();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await stage();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(join(profileDir, name), { recursive: true });
    writeFileSync(join(profileDir, name, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** Whether any job that is due now waits or runs. */
async function pending(db: Database, queues?: QueueName[]): Promise<boolean> {
  const row = await db.get<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM jobs WHERE (state = 'running' OR (state = 'waiting' AND run_at <= ?))" +
      (queues ? ` AND queue IN (${queues.map(() => '?').join(', ')})` : ''),
    [Date.now(), ...(queues ?? [])],
  );
  return Number(row?.n ?? 0) > 0;
}

async function run(kind: DatabaseKind) {
  const say = (text: string) => console.log(`${kind.padEnd(9)} ${text}`);
  const db = await createTestDatabase(kind);
  const remote = await fakeRemote();
  const key = await rsaKey();
  const actorDocument = remote.documents.get(remoteActor) as {
    publicKey: { publicKeyPem: string };
  };
  actorDocument.publicKey.publicKeyPem = key.pem;
  const config = testConfig(db, { RATE_LIMITS: 'false' });
  const woolly = await createWoolly(config, {
    log: memoryLogger('warn'),
    federation: { documentLoader: remote.documentLoader },
  });
  // As `woolly start` does (cli/serve.ts): while busy, SQLite's checkpoints in a thread.
  const checkpoints =
    config.database.kind === 'sqlite'
      ? checkpointWhileBusy(config.database.path, woolly.deps.log)
      : null;
  try {
    const inbox = `${config.baseUrl}/inbox`;
    const published = new Date().toISOString();
    const prepared: { headers: Record<string, string>; body: string }[] = [];
    for (let n = 0; n < activities + 1; n++) {
      const note = `${remoteActor}/statuses/${n}`;
      const body = JSON.stringify({
        '@context': process.env.MASTODON_CONTEXT
          ? mastodonContext
          : 'https://www.w3.org/ns/activitystreams',
        id: `${note}/activity`,
        type: 'Create',
        actor: remoteActor,
        published,
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        cc: [`${remoteActor}/followers`],
        object: {
          id: note,
          type: 'Note',
          attributedTo: remoteActor,
          content: `<p>Post number ${n}, with a few words to store.</p>`,
          published,
          url: `https://masto.qa.urbanwildlife.biz/@mastodon/${n}`,
          to: ['https://www.w3.org/ns/activitystreams#Public'],
          cc: [`${remoteActor}/followers`],
          ...(process.env.MASTODON_CONTEXT ? { sensitive: false, atomUri: note } : {}),
        },
      });
      const signed = await signRequest(
        new Request(inbox, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/activity+json' },
        }),
        key.cryptoKey,
        new URL(`${remoteActor}#main-key`),
      );
      prepared.push({ headers: Object.fromEntries(signed.headers), body });
    }
    const send = async (p: (typeof prepared)[number]) => {
      const res = await woolly.http.request(
        new Request(inbox, { method: 'POST', headers: p.headers, body: p.body }),
      );
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`the inbox answered ${res.status}`);
    };
    // Warm-up: one activity through both stages loads Fedify, fills the key cache and
    // stores the remote actor, whom the local accounts then follow.
    const jobs = woolly.jobs as EmbeddedJobs;
    await send(prepared.pop()!);
    await jobs.runDue();
    const deps = woolly.deps;
    const author = await deps.db.get<{ id: string }>('SELECT id FROM accounts WHERE uri = ?', [
      remoteActor,
    ]);
    if (!author) throw new Error('the fake remote actor was not stored');
    for (const local of await seedAccounts(woolly, localFollowers)) {
      await insertFollow(deps.db, 'follows', {
        id: deps.ids.next(),
        accountId: local.id,
        targetAccountId: author.id,
        showReblogs: true,
        notify: false,
        languages: null,
        uri: null,
        createdAt: Date.now(),
      });
      await buildHomeFeed(deps, local);
    }
    await jobs.runDue();

    // The jobs the activities made, by name.
    const enqueued = new Map<string, number>();
    const enqueue = jobs.enqueue.bind(jobs);
    jobs.enqueue = (queue, name, ...rest) => {
      enqueued.set(name, (enqueued.get(name) ?? 0) + 1);
      return enqueue(queue, name, ...rest);
    };
    const enqueueWithin = jobs.enqueueWithin.bind(jobs);
    jobs.enqueueWithin = (tx, queue, name, ...rest) => {
      enqueued.set(name, (enqueued.get(name) ?? 0) + 1);
      return enqueueWithin(tx, queue, name, ...rest);
    };
    const load0 = loadavg()[0]!;
    let cpu = cpuMs();
    let wall = performance.now();
    await profiled('accept', async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < prepared.length) await send(prepared[next++]!);
        }),
      );
    });
    const accept = { cpu: cpuMs() - cpu, wall: performance.now() - wall };
    cpu = cpuMs();
    wall = performance.now();
    // The workers run as in `woolly start` (batched claims, concurrent loops) until every
    // job the activities made is done.
    const enqueuedBefore = [...enqueued.values()].reduce((a, b) => a + b, 0);
    // First the inbox jobs alone (Fedify's listener and the post stored), then what they
    // enqueued (home feeds, notifications, search, ...).
    const drain = async (queues?: QueueName[]) => {
      jobs.start({ scheduler: false, queues });
      while (await pending(deps.db, queues)) await new Promise((r) => setTimeout(r, 10));
      await jobs.stop();
    };
    const inboxCpu = cpuMs();
    await profiled('process-ingress', () => drain(['ingress']));
    const ingress = cpuMs() - inboxCpu;
    await profiled('process-rest', () => drain());
    const ran = [...enqueued.values()].reduce((a, b) => a + b, 0) - enqueuedBefore + activities;
    const processing = { cpu: cpuMs() - cpu, wall: performance.now() - wall };
    const stored = await deps.db.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM statuses WHERE account_id = ?',
      [author.id],
    );
    const per = (ms: number) => fixed(ms / activities, 2);
    say(
      `${activities} Create(Note), ${localFollowers} local followers, ${inFlight} in flight` +
        `${process.env.MASTODON_CONTEXT ? ", Mastodon's @context" : ''}; load average ${fixed(load0)}`,
    );
    say(
      `accept:  ${per(accept.cpu)} ms CPU per activity (${fixed((activities / accept.wall) * 1000)}/s on one thread)`,
    );
    say(
      `process: ${per(processing.cpu)} ms CPU per activity (${fixed((activities / processing.wall) * 1000)}/s; ${ran} jobs, ${fixed(ran / activities, 2)} per activity; ${Number(stored?.n)} posts stored)`,
    );
    say(
      `  of which the inbox jobs (Fedify's listener, the post stored): ${per(ingress)} ms, the jobs they made ${per(processing.cpu - ingress)} ms`,
    );
    say(
      `jobs enqueued per activity: ${[...enqueued].map(([name, n]) => `${name} ${fixed(n / activities, 2)}`).join(', ')}`,
    );
    say(
      `both:    ${per(accept.cpu + processing.cpu)} ms CPU per activity: ${fixed(1000 / ((accept.cpu + processing.cpu) / activities))}/s on one core`,
    );
  } finally {
    await woolly.close();
    await checkpoints?.stop();
    await db.drop();
  }
}

for (const kind of kinds) await run(kind);
