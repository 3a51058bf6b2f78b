/**
 * What the media domain needs from outside, as ports: a place to keep files (a directory or
 * an S3 bucket, src/media/storage) and something that reads and converts them (sharp and
 * ffmpeg, src/media/processing). app.ts wires the adapters; the domain never imports them.
 */

export interface StoredFile {
  /** The whole file: media files are bounded by the upload limits. */
  body: Buffer;
  contentType: string;
}

/** A flat key-value store of files. Keys look like `media_attachments/ab/cd/abcd….png`. */
export interface MediaStorage {
  /**
   * Writes the file whole: a reader never sees a partial file under `key`. `private` files
   * (an upload waiting for processing, still carrying its EXIF and GPS data) get no public
   * ACL on S3, and Woolly never serves them.
   */
  put(
    key: string,
    body: MediaSource,
    contentType: string,
    options?: { private?: boolean },
  ): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Streams the file, or the bytes `start` to `end` (inclusive) of it, without holding it
   * in memory; null when it is missing. `size` is the size of the whole file.
   */
  read(key: string, range?: ByteRange): Promise<FileStream | null>;
  /**
   * One page of the stored files whose keys start with `prefix`, in key order, after
   * `after` (exclusive): the way to walk a whole bucket in bounded requests and resume.
   */
  list(prefix: string, options: { after?: string; limit: number }): Promise<ListedFile[]>;
}

export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStream {
  body: ReadableStream<Uint8Array>;
  size: number;
  contentType: string;
}

export interface ListedFile {
  key: string;
  size: number;
  /** When the file was last written (ms since the epoch). */
  modifiedAt: number;
}

/** The kinds Mastodon shows (MediaAttachment#type). */
export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';

/** What the bytes are, read from their first bytes (never from a name or a header). */
export interface SniffedType {
  mime: string;
  /** The extension the stored file gets. */
  ext: string;
  type: MediaType;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Mastodon's file_meta: `original` and `small` sizes, plus what videos and audio add. */
export interface MediaMeta {
  original?: ImageSize & {
    duration?: number;
    frame_rate?: string;
    bitrate?: number;
  };
  small?: ImageSize;
  focus?: { x: number; y: number };
  colors?: { background: string; foreground: string; accent: string };
}

/** One output file of processing. */
export interface ProcessedFile {
  body: Buffer;
  contentType: string;
  ext: string;
}

export interface ProcessedMedia {
  type: MediaType;
  file: ProcessedFile;
  /** The small still (images: a resized copy; video: a frame); none for audio. */
  preview: ProcessedFile | null;
  meta: MediaMeta;
  blurhash: string | null;
}

/** Limits processing enforces, from the configuration (MAX_* variables). */
export interface ProcessingLimits {
  imageMatrix: number;
  videoMatrix: number;
  videoFrameRate: number;
  /** Seconds. */
  videoDuration: number;
}

/**
 * A file to process or store: in memory, or on disk (an upload streamed to a temporary file,
 * which video and audio are processed from without reading it into memory).
 */
export type MediaSource = Buffer | FileOnDisk;

export interface FileOnDisk {
  path: string;
  size: number;
}

/** Its size in bytes. */
export function sizeOf(source: MediaSource): number {
  return Buffer.isBuffer(source) ? source.length : source.size;
}

export interface MediaProcessor {
  /** The type of the file, or null when it is none Woolly accepts. */
  sniff(source: MediaSource): Promise<SniffedType | null>;
  /**
   * Checks what can be checked without decoding (declared dimensions against the limits);
   * throws a MediaRejected for a decompression bomb or a file that is not what it claims.
   */
  inspect(source: MediaSource, sniffed: SniffedType, limits: ProcessingLimits): Promise<void>;
  /** Decodes and converts; throws a MediaRejected for input it cannot read. */
  process(
    source: MediaSource,
    sniffed: SniffedType,
    limits: ProcessingLimits,
  ): Promise<ProcessedMedia>;
  /** A custom thumbnail (PUT thumbnail, avatar, header): an image resized to fit `box`. */
  thumbnail(
    bytes: Buffer,
    box: ImageSize,
    limits: ProcessingLimits,
    options?: { crop?: boolean },
  ): Promise<{ file: ProcessedFile; size: ImageSize }>;
}

/** Input that is not media Woolly can use; the message is shown to the client. */
export class MediaRejected extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'MediaRejected';
  }
}

/** Bytes fetched from another server, whole (bounded by `maxBytes`). */
export interface FetchedFile {
  body: Buffer;
  contentType: string | null;
}

export interface DownloadedFile {
  file: FileOnDisk;
  contentType: string | null;
}

/**
 * Fetches remote media the way federation reaches other servers: public addresses only,
 * bounded redirects, a timeout and a size limit. Throws a RemoteFetchFailed.
 */
export interface RemoteFetcher {
  /** The body in memory (small documents: web pages). */
  fetch(url: string, options: { maxBytes: number }): Promise<FetchedFile>;
  /**
   * The body written to `path` as it arrives, refused at the byte past `maxBytes`; on any
   * failure the file at `path` is removed before the RemoteFetchFailed is thrown.
   */
  download(url: string, options: { maxBytes: number; path: string }): Promise<DownloadedFile>;
}

/** A remote file that could not be fetched; `permanent` when retrying cannot help. */
export class RemoteFetchFailed extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'RemoteFetchFailed';
    this.permanent = permanent;
  }
}

/** What app.ts hands the domain. */
export interface MediaPorts {
  storage: MediaStorage;
  processor: MediaProcessor;
  fetcher: RemoteFetcher;
}
