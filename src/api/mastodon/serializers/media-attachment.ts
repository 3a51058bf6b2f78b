/**
 * Mastodon's MediaAttachment entity (REST::MediaAttachmentSerializer). `meta` is the stored
 * file metadata with `size` and `aspect` derived from each image size, and the focal point.
 * An empty description is null, as Mastodon shows it.
 */
import type { MediaView } from '../../../domain/media-attachments/media-view.ts';

export interface MediaSizeJson {
  width?: number;
  height?: number;
  size?: string;
  aspect?: number;
  frame_rate?: string;
  duration?: number;
  bitrate?: number;
}

export interface MediaAttachmentJson {
  id: string;
  type: string;
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  preview_remote_url: string | null;
  meta: {
    original?: MediaSizeJson;
    small?: MediaSizeJson;
    focus?: { x: number; y: number };
  };
  description: string | null;
  blurhash: string | null;
}

/** Images carry `size` and `aspect`; video and audio originals carry their timing instead. */
function size(stored: unknown, withShape: boolean): MediaSizeJson | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const s = stored as MediaSizeJson;
  if (!withShape || !s.width || !s.height) return { ...s };
  return { ...s, size: `${s.width}x${s.height}`, aspect: s.width / s.height };
}

export function serializeMediaAttachment(view: MediaView): MediaAttachmentJson {
  const a = view.attachment;
  const stored = a.meta as {
    original?: unknown;
    small?: unknown;
    focus?: { x: number; y: number };
  };
  const meta: MediaAttachmentJson['meta'] = {};
  if (stored.focus) meta.focus = stored.focus;
  const original = size(stored.original, a.type === 'image');
  if (original) meta.original = original;
  const small = size(stored.small, true);
  if (small) meta.small = small;
  return {
    id: a.id,
    type: a.type,
    url: view.url,
    preview_url: view.previewUrl,
    remote_url: a.remoteUrl || null,
    preview_remote_url: null,
    meta,
    description: a.description === '' ? null : a.description,
    blurhash: a.blurhash,
  };
}
