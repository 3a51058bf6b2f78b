import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import type { StatusRecord, Visibility } from '../../src/db/repositories/statuses.ts';
import { noFacts, type RelationshipFacts } from '../../src/domain/relationships/facts.ts';
import { canSee } from '../../src/domain/statuses/visibility.ts';

const account = (id: string, domain: string | null = null) =>
  ({ id, domain, suspendedAt: null }) as AccountRecord;
const author = account('1');
const status = (visibility: Visibility, extra: Partial<StatusRecord> = {}) =>
  ({
    id: '10',
    accountId: '1',
    visibility,
    localOnly: false,
    deletedAt: null,
    ...extra,
  }) as StatusRecord;

type Relation =
  'none' | 'follower' | 'mentioned' | 'blocked-by-author' | 'follower-blocked-by-author' | 'author';
function viewerFor(relation: Relation | 'anonymous', domain: string | null = null) {
  if (relation === 'anonymous') return null;
  const facts: RelationshipFacts = noFacts();
  if (relation === 'follower' || relation === 'follower-blocked-by-author')
    facts.following.add('1');
  if (relation === 'blocked-by-author' || relation === 'follower-blocked-by-author')
    facts.blockedBy.add('1');
  return { account: relation === 'author' ? author : account('2', domain), facts };
}

// (viewer relation, visibility) -> visible?
const table: [Relation | 'anonymous', Visibility, boolean][] = [
  ['anonymous', 'public', true],
  ['anonymous', 'unlisted', true],
  ['anonymous', 'private', false],
  ['anonymous', 'direct', false],
  ['none', 'public', true],
  ['none', 'unlisted', true],
  ['none', 'private', false],
  ['none', 'direct', false],
  ['follower', 'private', true],
  ['follower', 'direct', false],
  ['mentioned', 'private', true],
  ['mentioned', 'direct', true],
  ['blocked-by-author', 'public', false],
  ['blocked-by-author', 'unlisted', false],
  ['follower-blocked-by-author', 'private', false],
  ['author', 'direct', true],
  ['author', 'private', true],
];

for (const [relation, visibility, expected] of table) {
  test(`${relation} ${expected ? 'sees' : 'does not see'} a ${visibility} status`, () => {
    const mentioned = new Set(relation === 'mentioned' ? ['2'] : []);
    assert.equal(
      canSee(viewerFor(relation), { status: status(visibility), author, mentionedIds: mentioned }),
      expected,
    );
  });
}

test('local-only posts are seen only by signed-in local accounts', () => {
  const s = status('public', { localOnly: true });
  assert.equal(canSee(null, { status: s, author, mentionedIds: new Set() }), false);
  assert.equal(canSee(viewerFor('none'), { status: s, author, mentionedIds: new Set() }), true);
  assert.equal(
    canSee(viewerFor('none', 'remote.example'), { status: s, author, mentionedIds: new Set() }),
    false,
  );
});

test('deleted statuses and suspended authors are seen by nobody', () => {
  assert.equal(
    canSee(viewerFor('author'), {
      status: status('public', { deletedAt: 1 }),
      author,
      mentionedIds: new Set(),
    }),
    false,
  );
  const suspended = { ...author, suspendedAt: 1 } as AccountRecord;
  assert.equal(
    canSee(null, { status: status('public'), author: suspended, mentionedIds: new Set() }),
    false,
  );
});
