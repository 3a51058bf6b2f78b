/**
 * Instance domain blocks: the admin API and the blocklist import on both databases (they
 * write rows and mark accounts with SQL of their own); what a suspension does to a remote
 * server's activities, accounts and deliveries on SQLite, with the fake remote server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importBlocklist } from '../../src/domain/domain-blocks/import-blocklist.ts';
import { updateSettings } from '../../src/domain/instance/settings.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startFederatedWoolly, startWithFakeRemote } from './helpers.ts';

const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};
const adminScopes = ['read', 'write', 'admin:read', 'admin:write'];

interface AdminBlock {
  id: string;
  domain: string;
  digest: string;
  severity: string;
  reject_media: boolean;
  reject_reports: boolean;
  private_comment: string | null;
  public_comment: string | null;
  obfuscate: boolean;
  created_at: string;
}

forEachDatabase((kind) => {
  test('admins block, list, change and lift domain blocks; people see them as the setting says', async (t) => {
    const w = await startFederatedWoolly(t, kind);
    const admin = await makeUserWithToken(w.deps, {
      account: { username: 'moderator1', role: 'Admin' },
      scopes: adminScopes,
    });
    const user = await makeUserWithToken(w.deps, { scopes: adminScopes });

    const refused = await send(w, 'POST', '/api/v1/admin/domain_blocks', user.token, {
      domain: 'spam.example',
    });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { error: 'This action is not allowed' });

    const made = await send<AdminBlock>(w, 'POST', '/api/v1/admin/domain_blocks', admin.token, {
      domain: ' Spam.Example ',
      severity: 'suspend',
      reject_reports: true,
      public_comment: 'spam, every day',
      private_comment: 'see ticket 12',
      obfuscate: true,
    });
    assert.equal(made.status, 200);
    assert.equal(made.body.domain, 'spam.example');
    assert.equal(made.body.severity, 'suspend');
    assert.equal(made.body.reject_reports, true);
    assert.equal(made.body.reject_media, false);
    assert.match(made.body.digest, /^[0-9a-f]{64}$/);

    // A subdomain of a blocked domain is covered already: 422 with the block that covers it.
    const covered = await send<{ error: string; existing_domain_block: AdminBlock }>(
      w,
      'POST',
      '/api/v1/admin/domain_blocks',
      admin.token,
      { domain: 'eggs.spam.example' },
    );
    assert.equal(covered.status, 422);
    assert.equal(covered.body.existing_domain_block.id, made.body.id);
    const bad = await send(w, 'POST', '/api/v1/admin/domain_blocks', admin.token, {
      domain: 'not a domain',
    });
    assert.equal(bad.status, 422);
    const badSeverity = await send(w, 'POST', '/api/v1/admin/domain_blocks', admin.token, {
      domain: 'other.example',
      severity: 'obliterate',
    });
    assert.equal(badSeverity.status, 422);

    const quiet = await send<AdminBlock>(w, 'POST', '/api/v1/admin/domain_blocks', admin.token, {
      domain: 'quiet.example',
    });
    assert.equal(quiet.body.severity, 'silence');

    const list = await w.request('/api/v1/admin/domain_blocks?limit=1', { token: admin.token });
    assert.equal(list.status, 200);
    assert.deepEqual(
      ((await list.json()) as AdminBlock[]).map((b) => b.domain),
      ['quiet.example'],
    );
    assert.match(list.headers.get('link') ?? '', /max_id=/);

    const changed = await send<AdminBlock>(
      w,
      'PUT',
      `/api/v1/admin/domain_blocks/${quiet.body.id}`,
      admin.token,
      { severity: 'noop', reject_media: true },
    );
    assert.equal(changed.status, 200);
    assert.equal(changed.body.severity, 'noop');
    assert.equal(changed.body.reject_media, true);
    const one = await get<AdminBlock>(
      w,
      `/api/v1/admin/domain_blocks/${quiet.body.id}`,
      admin.token,
    );
    assert.equal(one.body.reject_media, true);

    // The public list: off by default (404), then for everyone, noop blocks left out.
    assert.equal((await get(w, '/api/v1/instance/domain_blocks')).status, 404);
    await updateSettings(w.deps, {
      show_domain_blocks: 'all',
      show_domain_blocks_rationale: 'users',
    });
    const shown = await get<{ domain: string; severity: string; comment: string | null }[]>(
      w,
      '/api/v1/instance/domain_blocks',
    );
    assert.deepEqual(
      shown.body.map((b) => [b.domain, b.severity, b.comment]),
      [['spam.****ple', 'suspend', null]],
    );
    const signedIn = await get<{ comment: string | null }[]>(
      w,
      '/api/v1/instance/domain_blocks',
      user.token,
    );
    assert.equal(signedIn.body[0]!.comment, 'spam, every day');

    assert.equal(
      (await send(w, 'DELETE', `/api/v1/admin/domain_blocks/${made.body.id}`, admin.token)).status,
      200,
    );
    assert.equal(
      (await get(w, `/api/v1/admin/domain_blocks/${made.body.id}`, admin.token)).status,
      404,
    );
  });

  test('a blocklist imports from Mastodon’s CSV export or a bare list, in one go', async (t) => {
    const w = await startFederatedWoolly(t, kind);
    const csv = [
      '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate',
      'bad.example,suspend,false,false,"spam, and worse",false',
      'meh.example,silence,true,false,,true',
      'sub.bad.example,silence,false,false,,false',
      'not a domain,suspend,false,false,,false',
      'odd.example,explode,false,false,,false',
      '',
    ].join('\r\n');
    const first = await importBlocklist(w.deps, csv);
    assert.deepEqual(
      first.created.map((b) => [b.domain, b.severity, b.rejectMedia, b.publicComment, b.obfuscate]),
      [
        ['bad.example', 'suspend', false, 'spam, and worse', false],
        ['meh.example', 'silence', true, null, true],
      ],
    );
    assert.deepEqual(first.skipped, ['sub.bad.example']);
    assert.deepEqual(
      first.invalid.map((i) => i.line),
      [5, 6],
    );
    const second = await importBlocklist(w.deps, 'bad.example\nnew.example\n');
    assert.deepEqual(
      second.created.map((b) => [b.domain, b.severity]),
      [['new.example', 'suspend']],
    );
    assert.deepEqual(second.skipped, ['bad.example']);
  });
});

describe('a suspended server', () => {
  test('its accounts are purged, its activities dropped, nothing is sent to it; silence limits', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, 'sqlite');
    const jobs = w.jobs as EmbeddedJobs;
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const admin = await makeUserWithToken(w.deps, {
      account: { username: 'moderator1', role: 'Owner' },
      scopes: adminScopes,
    });
    await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', hosts));
    await jobs.runDue({ queues: ['ingress', 'default'] });
    const me = await get<{ followers_count: number }>(w, `/api/v1/accounts/${alice.account.id}`);
    assert.equal(me.body.followers_count, 1);

    // Silenced first: the account is limited.
    const silence = await send<AdminBlock>(w, 'POST', '/api/v1/admin/domain_blocks', admin.token, {
      domain: 'qa.urbanwildlife.biz',
    });
    const found = await get<{ id: string; limited?: boolean }>(
      w,
      `/api/v1/accounts/lookup?acct=mastodon@masto.qa.urbanwildlife.biz`,
    );
    assert.equal(found.body.limited, true);

    // Suspended: its accounts are marked at once and purged by the job, counts given back.
    await send(w, 'PUT', `/api/v1/admin/domain_blocks/${silence.body.id}`, admin.token, {
      severity: 'suspend',
    });
    await jobs.runDue({ queues: ['default'] });
    const account = await w.deps.db.get('SELECT id FROM accounts WHERE uri = ?', [remoteActor]);
    assert.equal(account, undefined);
    const after = await get<{ followers_count: number }>(w, `/api/v1/accounts/${alice.account.id}`);
    assert.equal(after.body.followers_count, 0);

    // Its activities are acknowledged and dropped before anything is fetched or queued.
    await w.deps.db.run('DELETE FROM jobs');
    const again = await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', hosts));
    assert.equal(again.status, 202);
    const queued = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM jobs');
    assert.equal(Number(queued?.n), 0);

    // A local post goes to nobody there.
    await posted(w, alice.token, { status: 'hello' });
    const deliveries = await w.deps.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM jobs WHERE name = 'fedify.outbox'",
    );
    assert.equal(Number(deliveries?.n), 0);
  });
});
