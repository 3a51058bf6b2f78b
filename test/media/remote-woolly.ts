/**
 * A test Woolly allowed to fetch remote media from loopback (the test-only switch the
 * federation tests use), and a remote account and post to hang remote media on (the tests
 * and benchmarks that need remote posts use them too).
 */
import type { TestContext } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { upsertRemoteAccount } from '../../src/domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../src/domain/context.ts';
import type { RemoteAttachmentInput } from '../../src/domain/remote-media/record-attachments.ts';
import {
  createRemoteStatus,
  type RemoteStatusInput,
} from '../../src/domain/statuses/create-remote-status.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { createTestDatabase, type DatabaseKind } from '../helpers/databases.ts';
import { inProcessRequests, testConfig, type TestWoolly } from '../helpers/woolly.ts';

export async function startFetchingWoolly(
  t: TestContext,
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<TestWoolly> {
  const db = await createTestDatabase(kind);
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const log = memoryLogger('debug');
  const woolly = await createWoolly(testConfig(db, env), {
    clock,
    log,
    federation: { allowPrivateAddress: true },
  });
  t.after(async () => {
    await woolly.close();
    await db.drop();
  });
  return Object.assign(woolly, {
    db,
    clock,
    logs: log.lines,
    request: inProcessRequests(woolly),
  });
}

/** Runs the waiting jobs of the `pull` queue (the remote media fetches). */
export async function runPullJobs(w: TestWoolly): Promise<void> {
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['pull'] });
}

let counter = 0;

export async function remoteAccount(
  deps: Deps,
  images: { avatar?: string | null; header?: string | null } = {},
  domain = 'remote.example',
) {
  counter += 1;
  const uri = `https://${domain}/users/someone${counter}`;
  return upsertRemoteAccount(deps, {
    uri,
    username: `someone${counter}`,
    domain,
    url: uri,
    displayName: 'Someone',
    note: '',
    fields: [],
    locked: false,
    bot: false,
    actorType: 'Person',
    discoverable: true,
    indexable: true,
    inboxUrl: `${uri}/inbox`,
    outboxUrl: null,
    sharedInboxUrl: null,
    followersUrl: `${uri}/followers`,
    followingUrl: null,
    featuredUrl: null,
    publicKey: '',
    avatarRemoteUrl: images.avatar ?? null,
    headerRemoteUrl: images.header ?? null,
    alsoKnownAs: [],
  });
}

/** A remote post by `author` as federation stores one; `extra` sets any of its fields. */
export async function remotePost(
  deps: Deps,
  author: AccountRecord,
  extra: Partial<RemoteStatusInput> = {},
) {
  counter += 1;
  return createRemoteStatus(deps, {
    uri: `${author.uri}/statuses/${counter}`,
    url: null,
    author,
    content: '<p>look</p>',
    spoilerText: '',
    sensitive: false,
    language: 'en',
    visibility: 'public',
    inReplyToUri: null,
    mentionedAccountIds: [],
    tagNames: [],
    createdAt: deps.clock.now(),
    editedAt: null,
    ...extra,
  });
}

/** An attachment as a remote post describes one: a JPEG at `url`; `extra` sets the rest. */
export function remoteJpeg(
  url: string,
  extra: Partial<RemoteAttachmentInput> = {},
): RemoteAttachmentInput {
  return {
    url,
    mediaType: 'image/jpeg',
    description: null,
    blurhash: null,
    width: null,
    height: null,
    focus: null,
    ...extra,
  };
}
