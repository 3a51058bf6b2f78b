/**
 * `resolve=true` with a full remote address asks the resolver port (WebFinger in production)
 * and puts the account it finds first; without `resolve`, for a local address, or without a
 * resolver, only stored accounts are searched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { searchAccounts } from '../../src/domain/search/accounts-search.ts';
import { search } from '../../src/domain/search/search.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { remoteAccount } from '../relationships/helpers.ts';
import { person } from './helpers.ts';

forEachDatabase((kind) => {
  test('a remote address is resolved through the port, once, on the first page', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const asked: string[] = [];
    let fetched: AccountRecord | null = null;
    const resolver = async (handle: string) => {
      asked.push(handle);
      fetched ??= await remoteAccount(w, { username: 'bob', domain: 'far.example' });
      return fetched;
    };
    const options = { limit: 5, offset: 0, following: false };
    assert.deepEqual(await searchAccounts(w.deps, reader.account, 'bob@far.example', options), []);
    const found = await searchAccounts(w.deps, reader.account, '@bob@far.example', {
      ...options,
      resolver,
    });
    assert.deepEqual(
      found.map((a) => a.username),
      ['bob'],
    );
    assert.deepEqual(asked, ['bob@far.example']);
    // Stored now: found without asking again; local addresses and later pages never ask.
    assert.equal(
      (await searchAccounts(w.deps, reader.account, 'bob@far.example', options)).length,
      1,
    );
    await searchAccounts(w.deps, reader.account, 'bob@woolly.test', { ...options, resolver });
    await searchAccounts(w.deps, reader.account, 'bob@far.example', {
      ...options,
      offset: 1,
      resolver,
    });
    assert.deepEqual(asked, ['bob@far.example']);

    const request = {
      query: 'carol@far.example',
      type: null,
      resolve: false,
      following: false,
      accountId: null,
      excludeUnreviewed: false,
      maxId: null,
      minId: null,
      limit: 5,
      offset: 0,
    };
    await search(w.deps, reader.account, request, resolver);
    await search(w.deps, null, { ...request, resolve: true }, resolver);
    assert.deepEqual(asked, ['bob@far.example']);
    await search(w.deps, reader.account, { ...request, resolve: true }, resolver);
    assert.deepEqual(asked, ['bob@far.example', 'carol@far.example']);
  });
});
