/**
 * The limits Woolly enforces on posts, media and polls, which the instance entity advertises
 * so that apps check them before sending. They are Mastodon's defaults; the services that
 * enforce them (posting, media upload, polls, pins, featured tags) read them from here, so
 * what an app is told and what the server does cannot drift apart. The post length is an
 * instance setting (`max_status_characters`).
 */
import { charactersReservedPerUrl } from '../statuses/text/length.ts';

export const accountLimits = {
  maxFeaturedTags: 10,
  maxPinnedStatuses: 5,
} as const;

export const statusLimits = {
  maxMediaAttachments: 4,
  charactersReservedPerUrl,
} as const;

/** The size, pixel and frame-rate limits are configurable: `config.media.limits`. */
export const mediaLimits = {
  descriptionLength: 1500,
} as const;

export const supportedMimeTypes: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/webp',
  'image/avif',
  'video/webm',
  'video/mp4',
  'video/quicktime',
  'video/ogg',
  'audio/wave',
  'audio/wav',
  'audio/x-wav',
  'audio/x-pn-wave',
  'audio/vnd.wave',
  'audio/ogg',
  'audio/vorbis',
  'audio/mpeg',
  'audio/mp3',
  'audio/webm',
  'audio/flac',
  'audio/aac',
  'audio/m4a',
  'audio/x-m4a',
  'audio/mp4',
  'audio/3gpp',
  'video/x-ms-asf',
];

export const pollLimits = {
  maxOptions: 4,
  maxCharactersPerOption: 50,
  /** Seconds: five minutes. */
  minExpiration: 300,
  /** Seconds: one month. */
  maxExpiration: 2_629_746,
} as const;
