/**
 * What an upload is, read from its bytes with `file-type` (magic numbers), never from its
 * name or the Content-Type the client sent: a text file named `cat.png` is refused, a PNG
 * named `cat.jpg` is a PNG. Only the formats Mastodon accepts are answered.
 */
import type { MediaSource, MediaType, SniffedType } from '../../domain/media-attachments/ports.ts';

const accepted: Record<string, { type: MediaType; ext: string }> = {
  'image/jpeg': { type: 'image', ext: 'jpeg' },
  'image/png': { type: 'image', ext: 'png' },
  // A GIF counts as an image until processing finds it animated (then it is a gifv).
  'image/gif': { type: 'image', ext: 'gif' },
  'image/webp': { type: 'image', ext: 'webp' },
  'image/avif': { type: 'image', ext: 'avif' },
  'image/heic': { type: 'image', ext: 'heic' },
  'image/heif': { type: 'image', ext: 'heif' },
  'video/mp4': { type: 'video', ext: 'mp4' },
  'video/quicktime': { type: 'video', ext: 'mov' },
  'video/webm': { type: 'video', ext: 'webm' },
  'video/x-matroska': { type: 'video', ext: 'mkv' },
  'video/ogg': { type: 'video', ext: 'ogv' },
  'video/x-ms-asf': { type: 'video', ext: 'asf' },
  'audio/mpeg': { type: 'audio', ext: 'mp3' },
  'audio/ogg': { type: 'audio', ext: 'ogg' },
  'audio/opus': { type: 'audio', ext: 'opus' },
  'audio/wav': { type: 'audio', ext: 'wav' },
  'audio/vnd.wave': { type: 'audio', ext: 'wav' },
  'audio/x-flac': { type: 'audio', ext: 'flac' },
  'audio/flac': { type: 'audio', ext: 'flac' },
  'audio/aac': { type: 'audio', ext: 'aac' },
  'audio/x-m4a': { type: 'audio', ext: 'm4a' },
  'audio/mp4': { type: 'audio', ext: 'm4a' },
  'audio/webm': { type: 'audio', ext: 'webm' },
  'audio/3gpp': { type: 'audio', ext: '3gp' },
  'video/3gpp': { type: 'audio', ext: '3gp' },
};

export async function sniff(source: MediaSource): Promise<SniffedType | null> {
  // Loaded on first use: idle instances never load it.
  const { fileTypeFromBuffer, fileTypeFromFile } = await import('file-type');
  const found = Buffer.isBuffer(source)
    ? await fileTypeFromBuffer(source)
    : await fileTypeFromFile(source.path);
  if (!found) return null;
  const known = accepted[found.mime];
  return known ? { mime: found.mime, ...known } : null;
}
