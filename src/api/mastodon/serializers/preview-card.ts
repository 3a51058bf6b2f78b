/**
 * Mastodon's PreviewCard entity (REST::PreviewCardSerializer). `image` is the image's address
 * on its own server for now (`image_remote_url`): once the remote-media cache keeps preview
 * images, this is where the local copy's URL goes. `authors` lists the page's author when it
 * names one (no fediverse account is linked yet).
 */
import type { PreviewCardRecord } from '../../../db/repositories/preview-cards.ts';
import type { AccountJson } from './account.ts';

export interface PreviewCardJson {
  url: string;
  title: string;
  description: string;
  language: string | null;
  type: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  image: string | null;
  image_description: string;
  embed_url: string;
  blurhash: string | null;
  published_at: string | null;
  authors: { name: string; url: string; account: AccountJson | null }[];
}

export function serializePreviewCard(card: PreviewCardRecord): PreviewCardJson {
  return {
    url: card.url,
    title: card.title,
    description: card.description,
    language: card.language,
    type: card.type,
    author_name: card.authorName,
    author_url: card.authorUrl,
    provider_name: card.providerName,
    provider_url: card.providerUrl,
    html: card.html,
    width: card.width,
    height: card.height,
    image: card.imageRemoteUrl,
    image_description: card.imageDescription,
    embed_url: card.embedUrl,
    blurhash: card.blurhash,
    published_at: card.publishedAt === null ? null : new Date(card.publishedAt).toISOString(),
    authors:
      card.authorName === '' && card.authorUrl === ''
        ? []
        : [{ name: card.authorName, url: card.authorUrl, account: null }],
  };
}
