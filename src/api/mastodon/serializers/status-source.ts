/**
 * Mastodon's StatusSource entity: what the author typed, for editing. glitch-soc adds the
 * `content_type` the text is written in (plain text or Markdown).
 */
import type { StatusRecord } from '../../../db/repositories/statuses.ts';

export interface StatusSourceJson {
  id: string;
  text: string;
  spoiler_text: string;
  content_type: string;
}

export function serializeStatusSource(status: StatusRecord): StatusSourceJson {
  return {
    id: status.id,
    text: status.text,
    spoiler_text: status.spoilerText,
    content_type: status.contentType,
  };
}
