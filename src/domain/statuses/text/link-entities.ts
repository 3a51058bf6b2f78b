/**
 * Text with its entities turned into Mastodon's links, everything else escaped: the step both
 * the plain-text and the Markdown renderer share (TextFormatter#rewrite and its link_to_*).
 */
import { hashtagLink, mentionLink, shortenedLink, type MentionTarget } from './entity-html.ts';
import { escapeHtml } from './escape.ts';
import type { MentionEntity, TextEntity } from './extract.ts';

export interface LinkOptions {
  /**
   * The accounts the post's mentions resolved to, keyed by the mention as typed without its
   * `@` (`alice`, `bob@example.com`), matched without regard to case. A mention missing here
   * stays plain text, as Mastodon leaves mentions of unknown accounts.
   */
  mentions: ReadonlyMap<string, MentionTarget>;
  /** The URL of a hashtag's page, given the tag as typed. */
  tagUrl: (name: string) => string;
  /** `rel="me"` on links (profile fields, for link verification). */
  relMe?: boolean;
  /** Show mentions as `user@domain` always (profile fields), not only when ambiguous. */
  withDomains?: boolean;
}

/** Turns a text and its entities into HTML; built once per post. */
export type Linker = (text: string, entities: readonly TextEntity[]) => string;

/**
 * A linker for one post. Mentions show the username alone unless another mentioned account
 * has the same username (`@alice@a.example` and `@alice@b.example`), when both show their
 * full acct, as Mastodon's `link_to_mention` does.
 */
export function createLinker(options: LinkOptions): Linker {
  const byTyped = new Map<string, MentionTarget>();
  for (const [typed, target] of options.mentions) {
    byTyped.set(typed.replace(/^@/, '').toLowerCase(), target);
  }
  const accounts = new Map<string, MentionTarget>();
  for (const target of byTyped.values()) accounts.set(target.acct.toLowerCase(), target);
  const ambiguous = (target: MentionTarget): boolean =>
    [...accounts.values()].some(
      (other) =>
        other.acct.toLowerCase() !== target.acct.toLowerCase() &&
        other.username.toLowerCase() === target.username.toLowerCase(),
    );

  const mention = (entity: MentionEntity): string => {
    const target = byTyped.get(entity.acct.toLowerCase());
    if (!target) return `@${escapeHtml(entity.acct)}`;
    const display = options.withDomains || ambiguous(target) ? target.acct : target.username;
    return mentionLink(target, display);
  };

  return (text, entities) => {
    let html = '';
    let position = 0;
    for (const entity of entities) {
      html += escapeHtml(text.slice(position, entity.start));
      if (entity.type === 'url') html += shortenedLink(entity.url, { relMe: options.relMe });
      else if (entity.type === 'hashtag')
        html += hashtagLink(entity.name, options.tagUrl(entity.name));
      else html += mention(entity);
      position = entity.end;
    }
    return html + escapeHtml(text.slice(position));
  };
}
