/**
 * An oEmbed document (https://oembed.com) as card fields: a `photo` shows its image, a
 * `video` or `rich` one its player, kept only as an https `<iframe>` (Mastodon's
 * MASTODON_OEMBED sanitizer): anything else a provider sends is dropped.
 */
import type { PreviewCardType } from '../../db/repositories/preview-cards.ts';

export interface OEmbedFields {
  type: PreviewCardType;
  title: string;
  authorName: string;
  authorUrl: string;
  providerName: string;
  providerUrl: string;
  html: string;
  width: number;
  height: number;
  imageUrl: string | null;
}

const str = (v: unknown, max = 1000): string =>
  typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '';

const int = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number.parseInt(String(v ?? ''), 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? Math.trunc(n) : 0;
};

const httpUrl = (v: unknown): string | null => {
  if (typeof v !== 'string' || !URL.canParse(v)) return null;
  const url = new URL(v);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
};

export async function sanitizeEmbed(html: string): Promise<string> {
  // sanitize-html and its CSS parser (about 10 MB loaded) only when a provider sends a player.
  const { default: sanitizeHtml } = await import('sanitize-html');
  return sanitizeHtml(html, {
    allowedTags: ['iframe'],
    allowedAttributes: {
      iframe: ['src', 'width', 'height', 'allowfullscreen', 'frameborder', 'allow', 'title'],
    },
    allowedSchemes: ['https'],
    allowedSchemesAppliedToAttributes: ['src'],
    allowProtocolRelative: false,
  });
}

/** The fields of a valid oEmbed document, or null when it is not one. */
export async function readOEmbed(json: unknown): Promise<OEmbedFields | null> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const doc = json as Record<string, unknown>;
  const common = {
    title: str(doc.title, 300),
    authorName: str(doc.author_name, 200),
    authorUrl: httpUrl(doc.author_url) ?? '',
    providerName: str(doc.provider_name, 200),
    providerUrl: httpUrl(doc.provider_url) ?? '',
    width: int(doc.width),
    height: int(doc.height),
  };
  switch (doc.type) {
    case 'photo': {
      const image = httpUrl(doc.url);
      if (!image) return null;
      return { ...common, type: 'photo', html: '', imageUrl: image };
    }
    case 'video':
    case 'rich': {
      const html = await sanitizeEmbed(typeof doc.html === 'string' ? doc.html : '');
      if (html === '') return null;
      return { ...common, type: doc.type, html, imageUrl: httpUrl(doc.thumbnail_url) };
    }
    case 'link':
      return { ...common, type: 'link', html: '', imageUrl: httpUrl(doc.thumbnail_url) };
    default:
      return null;
  }
}
