/** A Mastodon-shaped Note's attachments, as the media cache records them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Note } from '@fedify/vocab';
import { remoteAttachmentsOf } from '../../src/federation/convert/remote-attachments.ts';

test('Documents become remote attachments; links without an address are skipped', async () => {
  const note = await Note.fromJsonLd({
    '@context': 'https://www.w3.org/ns/activitystreams',
    type: 'Note',
    id: 'https://remote.example/statuses/1',
    attachment: [
      {
        type: 'Document',
        mediaType: 'image/jpeg',
        url: 'https://files.remote.example/a.jpg',
        name: 'A cat on a mat',
        width: 1200,
        height: 800,
      },
      { type: 'Document', mediaType: 'video/mp4', url: 'https://files.remote.example/b.mp4' },
      { type: 'Document', mediaType: 'image/png' },
    ],
  });
  assert.deepEqual(await remoteAttachmentsOf(note), [
    {
      url: 'https://files.remote.example/a.jpg',
      mediaType: 'image/jpeg',
      description: 'A cat on a mat',
      blurhash: null,
      width: 1200,
      height: 800,
      focus: null,
    },
    {
      url: 'https://files.remote.example/b.mp4',
      mediaType: 'video/mp4',
      description: null,
      blurhash: null,
      width: null,
      height: null,
      focus: null,
    },
  ]);
});

test('an attachment by reference that cannot be fetched leaves the others', async () => {
  const note = await Note.fromJsonLd(
    {
      '@context': 'https://www.w3.org/ns/activitystreams',
      type: 'Note',
      id: 'https://remote.example/statuses/2',
      attachment: [
        { type: 'Document', mediaType: 'image/png', url: 'https://files.remote.example/c.png' },
        'https://remote.example/attachments/gone',
      ],
    },
    {
      documentLoader: (url: string) => Promise.reject(new Error(`${url} is gone`)),
    },
  );
  assert.deepEqual(
    (await remoteAttachmentsOf(note)).map((a) => a.url),
    ['https://files.remote.example/c.png'],
  );
});
