/**
 * The content type of a stored file, from the extension Woolly gave it when it stored it
 * (after sniffing the bytes), so that a file served from disk needs no lookup.
 */
const byExtension: Record<string, string> = {
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
};

export function contentTypeOfKey(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1);
  return byExtension[ext] ?? 'application/octet-stream';
}
