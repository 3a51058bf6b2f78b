/**
 * A post's HTML from what its author typed: plain text the way Mastodon formats it, or
 * Markdown for authors who post with `content_type=text/markdown` (glitch-soc's option).
 * Mentions link only to the accounts the post really mentions; hashtags to this server's
 * tag pages.
 */
import type { ResolvedMentions } from './mentions.ts';
import { renderMarkdown } from './text/render-markdown.ts';
import { renderPlainText } from './text/render-plain.ts';

export const contentTypes = ['text/plain', 'text/markdown'] as const;
export type ContentType = (typeof contentTypes)[number];

export function isContentType(value: string): value is ContentType {
  return (contentTypes as readonly string[]).includes(value);
}

export async function renderStatusContent(
  baseUrl: string,
  text: string,
  contentType: ContentType,
  mentions: Pick<ResolvedMentions, 'targets'>,
): Promise<string> {
  const options = {
    mentions: mentions.targets,
    tagUrl: (name: string) => `${baseUrl}/tags/${encodeURIComponent(name)}`,
  };
  return contentType === 'text/markdown'
    ? renderMarkdown(text, options)
    : renderPlainText(text, options);
}
