import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  extractEntities,
  extractHashtags,
  extractMentions,
} from '../../../src/domain/statuses/text/extract.ts';

const accts = (text: string): string[] => extractMentions(text).map((mention) => mention.acct);
const tags = (text: string): string[] => extractHashtags(text).map((hashtag) => hashtag.name);

test('a mention names a user, optionally with a domain, and where it stands', () => {
  assert.deepEqual(extractMentions('hi @alice@example.com.'), [
    {
      type: 'mention',
      acct: 'alice@example.com',
      username: 'alice',
      domain: 'example.com',
      start: 3,
      end: 21,
    },
  ]);
  assert.deepEqual(extractMentions('@screen_name'), [
    {
      type: 'mention',
      acct: 'screen_name',
      username: 'screen_name',
      domain: null,
      start: 0,
      end: 12,
    },
  ]);
});

test('mentions next to punctuation are found, without the punctuation', () => {
  assert.deepEqual(accts('(@alice) .@bob "@carol", @dave! @erin? @frank:'), [
    'alice',
    'bob',
    'carol',
    'dave',
    'erin',
    'frank',
  ]);
  assert.deepEqual(accts('@al.ice @alice. @a--b @_alice_'), ['al.ice', 'alice', 'a--b', '_alice_']);
  assert.deepEqual(accts('@Alice@Example.COM'), ['Alice@Example.COM']);
});

test('e-mail addresses and text after = or / are not mentions', () => {
  assert.deepEqual(accts('write to alice@example.com'), []);
  assert.deepEqual(accts('x=@alice a/@alice'), []);
  assert.deepEqual(accts('＠alice'), []);
});

test('a mention followed by @, an accented letter or :// is not a mention', () => {
  assert.deepEqual(accts('@screen_name@'), []);
  assert.deepEqual(accts('@josé'), []);
  assert.deepEqual(accts('@alice://example'), []);
  assert.deepEqual(accts('@alice@example.com@evil.example'), []);
});

test('mentions of accounts on internationalised domains keep the domain as typed', () => {
  assert.deepEqual(accts('@bob@exämple.de and @carol@日本.jp'), [
    'bob@exämple.de',
    'carol@日本.jp',
  ]);
});

test('a mention of an overlong domain is ignored', () => {
  assert.deepEqual(accts(`@a@${'b'.repeat(250)}.com`), []);
  assert.deepEqual(accts(`@a@${'b'.repeat(249)}.com`), [`a@${'b'.repeat(249)}.com`]);
});

test('a hashtag is found with its position, the # or ＃ included', () => {
  assert.deepEqual(extractHashtags('#hashtag'), [
    { type: 'hashtag', name: 'hashtag', start: 0, end: 8 },
  ]);
  assert.deepEqual(extractHashtags('this is ＃ｆｏｏ'), [
    { type: 'hashtag', name: 'ｆｏｏ', start: 8, end: 12 },
  ]);
});

test('hashtags may use any script, digits, underscores and middle dots', () => {
  assert.deepEqual(tags('#hashtagタグ #ａｅｓｔｈｅｔｉｃ #Gdańsk #Kraków'), [
    'hashtagタグ',
    'ａｅｓｔｈｅｔｉｃ',
    'Gdańsk',
    'Kraków',
  ]);
  assert.deepEqual(tags('#3d #l33ts35k #world2016 #_test #test_ #one_two_three #rubyOnRails'), [
    '3d',
    'l33ts35k',
    'world2016',
    '_test',
    'test_',
    'one_two_three',
    'rubyOnRails',
  ]);
  assert.deepEqual(tags('hello #one·two·three'), ['one·two·three']);
  assert.deepEqual(tags('testing #ぼっち・ざ・ろっく'), ['ぼっち・ざ・ろっく']);
  assert.deepEqual(tags('just add #نرم\u200Cافزار and'), ['نرم\u200Cافزار']);
});

test('a hashtag needs a letter (or a separator) and cannot start or end with a middle dot', () => {
  assert.deepEqual(tags('hello #0123456'), []);
  assert.deepEqual(tags('hello #12_34'), ['12_34']);
  assert.deepEqual(tags('hello #·one·two·three'), []);
  assert.deepEqual(tags('hello #one·two·three·'), ['one·two·three']);
});

test('a hashtag starts a text or follows white space, so anchors in URLs are not hashtags', () => {
  assert.deepEqual(tags('#start\n#line\u00A0#nbsp\t#tab'), ['start', 'line', 'nbsp', 'tab']);
  assert.deepEqual(tags('foo#bar (#paren) #tag#tag2'), ['tag']);
  assert.deepEqual(tags('https://example.org/testé#foo'), []);
  assert.deepEqual(
    tags('https://en.wikipedia.org/wiki/Google_LLC_v._Oracle_America,_Inc.#Decision'),
    [],
  );
  assert.deepEqual(tags('https://gcc.gnu.org/bugzilla/show_bug.cgi?id=111895#c4'), []);
});

test('a protocol glued to a hashtag belongs to the URL after it', () => {
  assert.deepEqual(extractHashtags('#hashtag://'), [
    { type: 'hashtag', name: 'hashtag', start: 0, end: 8 },
  ]);
  assert.deepEqual(extractHashtags('#hashtaghttp://'), [
    { type: 'hashtag', name: 'hashtag', start: 0, end: 8 },
  ]);
  assert.deepEqual(extractHashtags('#hashtaghttps://example.com'), [
    { type: 'hashtag', name: 'hashtag', start: 0, end: 8 },
  ]);
});

test('entities come in order of position, with what is inside a URL part of the URL', () => {
  assert.deepEqual(extractEntities('Hi @alice, see https://example.com #news'), [
    { type: 'mention', acct: 'alice', username: 'alice', domain: null, start: 3, end: 9 },
    { type: 'url', url: 'https://example.com', start: 15, end: 34 },
    { type: 'hashtag', name: 'news', start: 35, end: 40 },
  ]);
  assert.deepEqual(
    extractEntities('https://mastodon.social/@Gargron/#anchor').map((entity) => entity.type),
    ['url'],
  );
  assert.deepEqual(extractEntities('nothing to see'), []);
});

test('positions are UTF-16 offsets that slice out the entity', () => {
  const text = '😀 @alice 👨‍👩‍👧 #tag https://example.com/😀';
  for (const entity of extractEntities(text)) {
    const slice = text.slice(entity.start, entity.end);
    if (entity.type === 'url') assert.equal(slice, entity.url);
    else if (entity.type === 'mention') assert.equal(slice, `@${entity.acct}`);
    else assert.equal(slice, `#${entity.name}`);
  }
  assert.equal(extractEntities(text).length, 3);
});
