import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entityProblems } from './entity-shape.ts';

const rule = { id: '1', text: 'Be kind', hint: '' };

test('the shape check accepts a well-formed entity and names every problem of a bad one', () => {
  assert.deepEqual(entityProblems(rule, 'Rule'), []);
  assert.deepEqual(entityProblems({ id: 1, text: 'x', extra: true }, 'Rule'), [
    'Rule.extra is not a documented key',
    'Rule.id is 1, expected id',
    'Rule.hint is missing',
  ]);
  assert.deepEqual(
    entityProblems(
      {
        shortcode: 'a',
        url: '/a.png',
        static_url: 'https://x.example/a.png',
        visible_in_picker: true,
      },
      'CustomEmoji',
    ),
    ['CustomEmoji.url is "/a.png", expected url'],
  );
  assert.deepEqual(entityProblems({ ...rule, id: null }, 'Rule'), ['Rule.id is null, expected id']);
});

test('optional keys may be absent, nullable ones null, and nested entities are checked', () => {
  const field = { name: 'a', value: 'b', verified_at: 'yesterday' };
  assert.deepEqual(entityProblems(field, 'Field'), [
    'Field.verified_at is "yesterday", expected datetime|null',
  ]);
  assert.deepEqual(entityProblems({ ...field, verified_at: null }, 'Field'), []);
  const preferences = {
    'posting:default:visibility': 'everyone',
    'posting:default:sensitive': false,
    'posting:default:language': null,
    'reading:expand:media': 'default',
    'reading:expand:spoilers': false,
  };
  assert.deepEqual(entityProblems(preferences, 'Preferences'), [
    'Preferences.posting:default:visibility is "everyone", expected enum:public,unlisted,private,direct',
  ]);
});
