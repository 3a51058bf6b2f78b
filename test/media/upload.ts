/** Uploading through the real HTTP API, for the media tests. */
import type { MediaAttachmentJson } from '../../src/api/mastodon/serializers/media-attachment.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { TestWoolly } from '../helpers/woolly.ts';

export interface UploadAnswer {
  status: number;
  body: MediaAttachmentJson & { error?: string };
}

/** A multipart upload; `type` and `name` are what the client claims, not what is checked. */
export async function upload(
  w: TestWoolly,
  token: string,
  bytes: Buffer,
  options: {
    version?: 1 | 2;
    type?: string;
    name?: string;
    fields?: Record<string, string>;
    thumbnail?: Buffer;
  } = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  form.set(
    'file',
    new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/octet-stream' }),
    options.name ?? 'upload.bin',
  );
  if (options.thumbnail) {
    form.set('thumbnail', new Blob([new Uint8Array(options.thumbnail)]), 'thumb.png');
  }
  for (const [key, value] of Object.entries(options.fields ?? {})) form.set(key, value);
  const res = await w.request(`/api/v${options.version ?? 1}/media`, {
    method: 'POST',
    token,
    body: form,
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer['body'] };
}

export async function getMedia(w: TestWoolly, token: string, id: string): Promise<UploadAnswer> {
  const res = await w.request(`/api/v1/media/${id}`, { token });
  return { status: res.status, body: (await res.json()) as UploadAnswer['body'] };
}

/** Runs the waiting jobs of the `default` queue (the media processing job among them). */
export async function runMediaJobs(w: TestWoolly): Promise<void> {
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
}

/** The path part of a media URL, to fetch it from the in-process app. */
export const pathOf = (url: string): string => new URL(url).pathname;
