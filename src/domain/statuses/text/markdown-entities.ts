/**
 * The markdown-it rules that give Markdown posts Mastodon's links, hashtags and mentions.
 *
 * URLs are recognised while the inline text is parsed, so that `_`, `*` or `~` inside a URL
 * never turn into emphasis. Hashtags and mentions are found afterwards in the text outside
 * links and code, with the character before each piece of text taken from the text that
 * precedes it across formatting, so `**#tag**` is a hashtag and `**bold**#tag` is not.
 */
import type { StateCore, StateInline, Token } from 'markdown-it';
import { extractEntities, urlAt, type TextEntity } from './extract.ts';
import { webProtocols } from './url-pattern.ts';

/** The entities of each text token outside links, by token, for the renderer. */
export const textEntities = new WeakMap<Token, TextEntity[]>();

/** Token type of a URL found in the text. Its content is the URL. */
export const urlToken = 'mastodon_url';

const scheme = new RegExp(`(?:${webProtocols.join('|')})$`, 'i');

/**
 * Inline rule, run at each `:`: when the text just consumed ends in a protocol and a URL
 * starts there, the URL becomes one token. (markdown-it's own linkify rule works the same way.)
 */
export function urlRule(state: StateInline, silent: boolean): boolean {
  if (state.linkLevel > 0 || !state.src.startsWith('://', state.pos)) return false;
  const protocol = scheme.exec(state.pending)?.[0];
  if (protocol === undefined) return false;
  const start = state.pos - protocol.length;
  if (state.src.slice(start, state.pos) !== protocol) return false;
  const url = urlAt(state.src, start);
  if (url === null || url.end > state.posMax) return false;
  if (!silent) {
    state.pending = state.pending.slice(0, -protocol.length);
    state.push(urlToken, '', 0).content = url.url;
  }
  state.pos = url.end;
  return true;
}

/** The last character (code point) of a text, or '' for an empty one. */
function lastCharacter(text: string): string {
  return /.$/su.exec(text)?.[0] ?? '';
}

/** The entities of `content` when the character before it is `previous`. */
function entitiesAfter(previous: string, content: string): TextEntity[] {
  return extractEntities(previous + content)
    .filter((entity) => entity.start >= previous.length)
    .map((entity) => ({
      ...entity,
      start: entity.start - previous.length,
      end: entity.end - previous.length,
    }));
}

/** Core rule, after inline parsing: finds hashtags and mentions in text outside links. */
export function entitiesRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || block.children === null) continue;
    let previous = '';
    let linkDepth = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth++;
      else if (token.type === 'link_close') linkDepth--;
      else if (token.type === 'softbreak' || token.type === 'hardbreak') previous = '\n';
      else if (token.type === 'text' || token.type === 'code_inline' || token.type === urlToken) {
        if (token.type === 'text' && linkDepth === 0) {
          textEntities.set(token, entitiesAfter(previous, token.content));
        }
        previous = lastCharacter(token.content) || previous;
      }
    }
  }
}
