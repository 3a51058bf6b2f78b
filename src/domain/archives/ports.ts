/**
 * What an archive holds besides files, given by the federation layer (app.ts wires it): the
 * documents in ActivityPub form (`outbox.json`, `actor.json`, `likes.json`,
 * `bookmarks.json`), built with the converters federation publishes with, and the storage
 * keys of the media they refer to by path (each file goes into the zip under its key).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';

export interface ArchiveContents {
  /** File name in the zip -> the JSON document. */
  documents: Record<string, unknown>;
  /** Media storage keys to copy into the zip, each at the path of its key. */
  files: string[];
}

export type ArchiveContentsOf = (account: AccountRecord) => Promise<ArchiveContents>;
