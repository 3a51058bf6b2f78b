import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignBracketKey, type Params } from '../../src/api/mastodon/params.ts';

function parse(pairs: [string, string][]): Params {
  const out: Params = {};
  for (const [k, v] of pairs) assignBracketKey(out, k, v);
  return out;
}

test('Rails bracket keys become nested objects and lists', () => {
  assert.deepEqual(
    parse([
      ['status', 'hi'],
      ['media_ids[]', '1'],
      ['media_ids[]', '2'],
      ['poll[options][]', 'a'],
      ['poll[options][]', 'b'],
      ['poll[expires_in]', '300'],
      ['source[privacy]', 'private'],
      ['fields_attributes[0][name]', 'Site'],
      ['fields_attributes[0][value]', 'https://example.com'],
      ['fields_attributes[1][name]', 'Pronouns'],
    ]),
    {
      status: 'hi',
      media_ids: ['1', '2'],
      poll: { options: ['a', 'b'], expires_in: '300' },
      source: { privacy: 'private' },
      fields_attributes: {
        '0': { name: 'Site', value: 'https://example.com' },
        '1': { name: 'Pronouns' },
      },
    },
  );
});

test('lists of objects start a new object when a key repeats', () => {
  assert.deepEqual(
    parse([
      ['keywords_attributes[][keyword]', 'a'],
      ['keywords_attributes[][whole_word]', 'true'],
      ['keywords_attributes[][keyword]', 'b'],
    ]),
    { keywords_attributes: [{ keyword: 'a', whole_word: 'true' }, { keyword: 'b' }] },
  );
});
