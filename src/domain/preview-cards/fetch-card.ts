/**
 * The `preview_card.fetch` job (Mastodon's LinkCrawlWorker and FetchLinkCardService): after a
 * post is made or edited, on the `pull` queue, its first eligible link gets a preview card.
 * A link already carded is not fetched again. The page is read through the `PageFetcher`
 * port (the guarded fetcher federation's rules apply to: public addresses, bounded redirects,
 * a timeout and a size limit); its oEmbed document wins over its OpenGraph tags, as in
 * Mastodon. A page that cannot be read gets no card and is not retried (Mastodon: retry 0).
 * Mastodon sends no stream event when a card arrives; apps see it on their next load.
 */
import { findMediaByStatusIds } from '../../db/repositories/media-attachments.ts';
import {
  cardLinkOfStatus,
  findCardByUrl,
  linkCardToStatus,
  unlinkCardFromStatus,
  upsertCard,
  type PreviewCardRecord,
} from '../../db/repositories/preview-cards.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { readOEmbed, type OEmbedFields } from './oembed.ts';
import { firstCardLink } from './links.ts';
import { readPageMetadata } from './page-metadata.ts';

export const fetchCardJob = 'preview_card.fetch';

/** Fetches a remote document under federation's rules; throws when it cannot. */
export interface PageFetcher {
  fetch(
    url: string,
    options: { maxBytes: number },
  ): Promise<{ body: Buffer; contentType: string | null }>;
}

export interface FetchCardPayload {
  statusId: string;
}

/** Mastodon reads at most 1 MiB of a page and of an oEmbed document. */
const maxPageBytes = 1024 * 1024;

/**
 * Enqueues the job for every edited post and every new one that may have a card (an edit
 * may have taken the link away); returns the unsubscribe.
 */
export function fetchCardsOnEvents(deps: Pick<Deps, 'events' | 'queue'>): () => void {
  const enqueue = async (e: { statusId: string; linked?: boolean }) => {
    if (e.linked === false) return;
    const payload: FetchCardPayload = { statusId: e.statusId };
    await deps.queue.enqueue('pull', fetchCardJob, payload, {
      uniqueKey: `${fetchCardJob}:${e.statusId}`,
      maxAttempts: 3,
    });
  };
  const offs = [
    deps.events.on('status.created', enqueue),
    deps.events.on('status.updated', enqueue),
  ];
  return () => offs.forEach((off) => off());
}

export async function fetchCardForStatus(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'config' | 'log'>,
  fetcher: PageFetcher,
  payload: FetchCardPayload,
): Promise<void> {
  const status = await findStatusById(deps.db, payload.statusId);
  if (!status || status.deletedAt !== null || status.reblogOfId !== null) return;
  const media = await findMediaByStatusIds(deps.db, [status.id]);
  const link = firstCardLink(status.content, {
    localHost: new URL(deps.config.baseUrl).host,
    skip: media.map((m) => m.remoteUrl).filter((u) => u !== ''),
  });
  const current = await cardLinkOfStatus(deps.db, status.id);
  if (link === current) return;
  if (link === null) {
    await unlinkCardFromStatus(deps.db, status.id);
    return;
  }
  const card = (await findCardByUrl(deps.db, link)) ?? (await makeCard(deps, fetcher, link));
  if (card) await linkCardToStatus(deps.db, status.id, card.id, link);
  else if (current !== null) await unlinkCardFromStatus(deps.db, status.id);
}

/** Reads the page at `url` and stores its card; null when the page gives none. */
async function makeCard(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'log'>,
  fetcher: PageFetcher,
  url: string,
): Promise<PreviewCardRecord | null> {
  let page: { body: Buffer; contentType: string | null };
  try {
    page = await fetcher.fetch(url, { maxBytes: maxPageBytes });
  } catch (error) {
    deps.log.info('preview card: could not fetch the page', { url, error });
    return null;
  }
  const mime = (page.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime !== 'text/html' && mime !== 'application/xhtml+xml') return null;
  const meta = readPageMetadata(decode(page.body, page.contentType), url);
  const oembed = meta.oembedUrl ? await fetchOEmbed(deps, fetcher, meta.oembedUrl) : null;
  const title = oembed?.title || meta.title;
  if (title === '' && !oembed?.html) return null;
  const now = deps.clock.now();
  return upsertCard(deps.db, {
    id: deps.ids.next(),
    url,
    title,
    description: meta.description,
    type: oembed?.type ?? 'link',
    language: meta.language,
    authorName: oembed?.authorName || meta.authorName,
    authorUrl: oembed?.authorUrl ?? '',
    providerName: oembed?.providerName || meta.siteName,
    providerUrl: oembed?.providerUrl ?? '',
    html: oembed?.html ?? '',
    width: oembed?.width || meta.imageWidth,
    height: oembed?.height || meta.imageHeight,
    imageRemoteUrl: oembed?.imageUrl ?? meta.imageUrl,
    imageDescription: meta.imageDescription,
    embedUrl: '',
    blurhash: null,
    publishedAt: meta.publishedAt,
    createdAt: now,
    updatedAt: now,
  });
}

async function fetchOEmbed(
  deps: Pick<Deps, 'log'>,
  fetcher: PageFetcher,
  url: string,
): Promise<OEmbedFields | null> {
  try {
    const doc = await fetcher.fetch(url, { maxBytes: maxPageBytes });
    return await readOEmbed(JSON.parse(doc.body.toString('utf8')) as unknown);
  } catch (error) {
    deps.log.info('preview card: no usable oEmbed document', { url, error });
    return null;
  }
}

/** The page's text in the charset its Content-Type or `<meta charset>` names (else UTF-8). */
function decode(body: Buffer, contentType: string | null): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
