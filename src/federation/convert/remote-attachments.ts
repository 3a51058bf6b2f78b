/**
 * The attachments of a remote Note (Documents, Images, Videos, Audio, as Mastodon sends
 * them) as the media cache records them: address, media type, description, size. Fedify's
 * vocabulary does not carry Mastodon's `blurhash` or `focalPoint`, so those are left out.
 *
 * remoteStatusFromNote puts them in the post's input, and createRemoteStatus records them
 * with the post.
 */
import { Document, Link } from '@fedify/vocab';
import type { RemoteAttachmentInput } from '../../domain/remote-media/record-attachments.ts';
import type { StatusObject } from './status-object.ts';

export async function remoteAttachmentsOf(note: StatusObject): Promise<RemoteAttachmentInput[]> {
  const found: RemoteAttachmentInput[] = [];
  try {
    await readAttachments(note, found);
  } catch {
    // An attachment given by reference that cannot be fetched or read: the post is stored
    // with those read before it, rather than not at all.
  }
  return found;
}

async function readAttachments(note: StatusObject, found: RemoteAttachmentInput[]) {
  for await (const attachment of note.getAttachments()) {
    if (!(attachment instanceof Document)) continue;
    const url = attachment.url instanceof Link ? attachment.url.href : attachment.url;
    if (!(url instanceof URL)) continue;
    found.push({
      url: url.href,
      mediaType: attachment.mediaType ?? null,
      description: attachment.name?.toString() ?? null,
      blurhash: null,
      width: attachment.width ?? null,
      height: attachment.height ?? null,
      focus: null,
    });
  }
}
