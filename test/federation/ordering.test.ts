/**
 * A post's activities reach each server in order: its Delete is not sent while its Create to
 * the same server waits for a retry (Fedify's ordering key, the post's id and the inbox's
 * server, kept by Woolly's job queue). The receiving server is a plain HTTP listener on
 * loopback, reached through the test-only host map; the jobs run one call at a time.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { addRemoteFollower } from '../helpers/remote-followers.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { startFederatedWoolly } from './helpers.ts';

const host = 'ordered.test';

/** An inbox that answers 500 while `failing`, else 202; it records the types it receives. */
async function flakyInbox(t: TestContext) {
  const state = { received: [] as string[], failing: true, port: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      state.received.push((JSON.parse(body) as { type: string }).type);
      res.writeHead(state.failing ? 500 : 202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  state.port = (server.address() as { port: number }).port;
  return state;
}

forEachDatabase((kind) => {
  test("a post's Delete waits for its Create to the same server", async (t) => {
    const inbox = await flakyInbox(t);
    const w = await startFederatedWoolly(t, kind, {
      env: { FEDERATION_TEST_HOSTS: `${host}=127.0.0.1:${inbox.port}` },
    });
    const jobs = w.jobs as EmbeddedJobs;
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    await addRemoteFollower(w.deps, alice.account.id, { host, username: 'reader' });

    const status = await posted(w, alice.token, { status: 'soon gone' });
    const deleted = await w.request(`/api/v1/statuses/${status.id}`, {
      method: 'DELETE',
      token: alice.token,
    });
    assert.equal(deleted.status, 200);

    // The Create fails and waits for its retry; the Delete behind it is not taken meanwhile.
    assert.equal(await jobs.runDue({ queues: ['push'] }), 1);
    assert.deepEqual([...new Set(inbox.received)], ['Create']);
    const waiting = await w.deps.db.all<{ attempts: number | string }>(
      "SELECT attempts FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
    );
    assert.deepEqual(
      waiting.map((r) => Number(r.attempts)),
      [1, 0],
    );

    // Once the server answers and the Create's retry is due, it goes first, then the Delete.
    inbox.failing = false;
    inbox.received.length = 0;
    w.clock.advance(24 * 3_600_000);
    assert.equal(await jobs.runDue({ queues: ['push'] }), 2);
    assert.deepEqual(inbox.received, ['Create', 'Delete']);
  });
});
