/**
 * Shared by the timeline tests: people acting through the real API, the feed jobs run as a
 * worker would run them, and timelines read back as lists of status ids.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { entityProblems } from '../helpers/entity-shape.ts';
import { insertStatus, type StatusRecord } from '../../src/db/repositories/statuses.ts';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { act, client, person, postStatus, runJobs, type Person } from '../notifications/helpers.ts';
import type { TestWoolly } from '../helpers/woolly.ts';

export { act, client, person, postStatus, runJobs, type Person };

/** The ids of a timeline as `who` reads it, after the queued feed jobs ran. */
export async function timeline(w: TestWoolly, who: Person | null, path: string): Promise<string[]> {
  await runJobs(w);
  await assertNoFailedFeedJobs(w);
  const api = who ? who.api : client(w);
  const res = await api.get(path);
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
  return res.list.map((s) => s.id as string);
}

/**
 * A failing feed job is retried later, and the read-time checks would hide most of what it
 * failed to do; so the tests look for its error instead.
 */
export async function assertNoFailedFeedJobs(w: TestWoolly): Promise<void> {
  const failed = await w.deps.db.all<{ last_error: string }>(
    "SELECT last_error FROM jobs WHERE (name = 'feeds.process' OR name LIKE 'reactions.%') AND last_error IS NOT NULL",
  );
  assert.deepEqual(
    failed.map((f) => f.last_error),
    [],
  );
}

export const home = (w: TestWoolly, who: Person, query = '') =>
  timeline(w, who, `/api/v1/timelines/home${query}`);

/** A post as `who`, through the API: `text` and any other parameters. */
export async function say(
  who: Person,
  text: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  return (await postStatus(who, { status: text, ...extra })).id;
}

/** A post of a remote account, stored as federation would store it. */
export async function remotePost(
  w: TestWoolly,
  author: AccountRecord,
  overrides: Partial<StatusRecord> = {},
): Promise<StatusRecord> {
  const id = w.deps.ids.next();
  const now = w.clock.now();
  const status: StatusRecord = {
    id,
    accountId: author.id,
    uri: `https://${author.domain}/statuses/${id}`,
    url: null,
    local: false,
    localOnly: false,
    visibility: 'public',
    text: '',
    contentType: 'text/html',
    content: '<p>from afar</p>',
    spoilerText: '',
    sensitive: false,
    language: 'en',
    inReplyToId: null,
    inReplyToAccountId: null,
    reblogOfId: null,
    quoteOfId: null,
    quoteState: null,
    quoteApprovalPolicy: 'public',
    conversationId: null,
    applicationId: null,
    pollId: null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    editedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await insertStatus(w.deps.db, status);
  await w.deps.events.emit('status.created', { statusId: id, accountId: author.id, local: false });
  return status;
}

/** PUT `path` as `who` with a JSON body; answers status and body. */
export async function put(
  w: TestWoolly,
  who: Person,
  path: string,
  json: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await w.request(path, { method: 'PUT', token: who.token, json });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const shapes = JSON.parse(
  readFileSync(new URL('../fixtures/mastodon/timelines.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, string>>;

/** Checks a List, Marker or Conversation against test/fixtures/mastodon/timelines.json. */
export function assertTimelineEntity(value: unknown, entity: 'List' | 'Marker' | 'Conversation') {
  const spec = shapes[entity]!;
  assert.ok(value && typeof value === 'object', `${entity} is an object`);
  const record = value as Record<string, unknown>;
  assert.deepEqual(Object.keys(record).sort(), Object.keys(spec).sort(), `${entity} keys`);
  const problems = Object.entries(spec).flatMap(([key, type]) =>
    entityProblems(record[key], type).map((p) => `${entity}.${key}: ${p}`),
  );
  assert.deepEqual(problems, []);
}
