/**
 * The kinds of remote media the cache knows, and how each is found. `attachment` is built
 * in (media_attachments rows); image kinds name a box the image is fitted into (null: kept
 * as it is, as emojis are, animation included) and how to find the URL of one owner.
 * Other parts add their own kinds with `registerRemoteImageKind` (preview cards do).
 */
import type { Deps } from '../context.ts';
import type { ImageSize } from '../media-attachments/ports.ts';

export interface RemoteImageKind {
  /** The current remote URL of the owner's image; null when there is none (or no owner). */
  remoteUrl(deps: Pick<Deps, 'db'>, ownerId: string): Promise<string | null>;
  /** Fitted into this box (cropped when `crop`); null keeps the file as fetched. */
  box: ImageSize | null;
  crop?: boolean;
  /** Bytes; larger files are refused. */
  maxBytes: number;
  /** The server the owner belongs to, for domain blocks rejecting its media. */
  domain?(deps: Pick<Deps, 'db'>, ownerId: string): Promise<string | null>;
}

const imageKinds = new Map<string, RemoteImageKind>();

/**
 * Lets `cacheRemoteMedia(deps, kind, id)` fetch images of `kind`.
 *
 * @example
 * registerRemoteImageKind('preview_card', {
 *   remoteUrl: async (deps, id) => (await findPreviewCard(deps.db, id))?.imageRemoteUrl ?? null,
 *   box: { width: 400, height: 400 },
 *   maxBytes: 2 * 1024 * 1024,
 * });
 */
export function registerRemoteImageKind(kind: string, definition: RemoteImageKind): void {
  if (kind === 'attachment') throw new Error('attachment is a built-in kind');
  imageKinds.set(kind, definition);
}

export function remoteImageKind(kind: string): RemoteImageKind | undefined {
  return imageKinds.get(kind);
}

export function remoteImageKinds(): string[] {
  return [...imageKinds.keys()];
}
