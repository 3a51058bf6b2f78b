/**
 * Woolly's configuration: one typed schema read from the environment, with Mastodon's variable
 * names where Mastodon has one. `loadConfig` (config/load.ts) reads it once at startup.
 */
import { z } from 'zod';
import { queueNames, type QueueName } from '../core/queue.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');
const positiveInt = z.coerce
  .number({ error: 'expected a whole number' })
  .int('expected a whole number')
  .positive('expected a number above 0');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const domain = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/i,
    'expected a host name such as example.com (no scheme, no path)',
  )
  .transform((v) => v.toLowerCase());
const url = (schemes: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    `expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  );

/** The environment variables Woolly reads, with their rules. Unset means the default. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  LOCAL_DOMAIN: domain.default('localhost:3000'),
  WEB_DOMAIN: domain.optional(),
  ALTERNATE_DOMAINS: list.default([]),
  LOCAL_HTTPS: bool.optional(),
  SECRET_KEY_BASE: z
    .string()
    .min(64, 'expected at least 64 characters (woolly secrets generate)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres', 'postgresql', 'sqlite', 'file']).optional(),
  DB_HOST: z.string().optional(),
  DB_PORT: port.optional(),
  DB_USER: z.string().optional(),
  DB_NAME: z.string().optional(),
  DB_PASS: z.string().optional(),
  DB_POOL: positiveInt.default(10),
  /** Mastodon's: named prepared statements on PostgreSQL; `false` behind PgBouncer (transaction mode). */
  PREPARED_STATEMENTS: bool.default(true),
  DB_SSLMODE: z.enum(['disable', 'prefer', 'require', 'verify-full']).optional(),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  /** Deliveries at once per process that takes the `push` queue (loops of their own). */
  PUSH_CONCURRENCY: positiveInt.max(500, 'expected at most 500').default(50),
  /**
   * Job workers in threads of their own beside the web process (0: in its event loop; auto,
   * the default: one thread while the queues are busy, job-threads-auto.ts).
   */
  JOB_THREADS: z
    .string()
    .default('auto')
    .transform((value, ctx): number | 'auto' => {
      const text = value.trim().toLowerCase();
      if (text === 'auto') return 'auto';
      if (/^\d+$/.test(text) && Number(text) <= 16) return Number(text);
      ctx.addIssue({ code: 'custom', message: 'expected a whole number from 0 to 16, or auto' });
      return z.NEVER;
    }),
  /** The queues the job threads take (all by default); the main thread's workers take the rest. */
  JOB_THREAD_QUEUES: list
    .refine((names) => names.length > 0, 'expected at least one queue name')
    .refine(
      (names) => names.every((n) => (queueNames as readonly string[]).includes(n)),
      `expected queue names among ${queueNames.join(', ')}`,
    )
    .transform((names) => names as QueueName[])
    .optional(),
  BIND: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  SINGLE_USER_MODE: bool.default(false),
  TRUSTED_PROXY_IP: list.default([]),
  /** Mastodon's request throttles (api/rate-limit); `false` turns them off (benchmarks). */
  RATE_LIMITS: bool.default(true),
  SMTP_SERVER: z.string().optional(),
  SMTP_PORT: port.optional(),
  SMTP_LOGIN: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM_ADDRESS: z.string().optional(),
  SMTP_AUTH_METHOD: z.enum(['plain', 'login', 'cram_md5', 'none']).default('plain'),
  SMTP_SSL: bool.default(false),
  SMTP_ENABLE_STARTTLS: z.enum(['auto', 'always', 'never']).default('auto'),
  STREAMING_API_BASE_URL: url(['ws', 'wss']).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Web push's VAPID key pair (base64url); generated into DATA_DIR/secrets.json when unset. */
  VAPID_PUBLIC_KEY: z.string().min(1).optional(),
  VAPID_PRIVATE_KEY: z.string().min(1).optional(),
  CDN_HOST: url(['http', 'https']).optional(),
  S3_ENABLED: bool.default(false),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: url(['http', 'https']).optional(),
  S3_HOSTNAME: z.string().optional(),
  S3_PROTOCOL: z.enum(['http', 'https']).default('https'),
  S3_ALIAS_HOST: z.string().optional(),
  /** Empty (`S3_PERMISSION=`) sends no ACL, for stores without ACLs such as R2. */
  S3_PERMISSION: z.string().optional(),
  S3_OVERRIDE_PATH_STYLE: bool.default(false),
  S3_OPEN_TIMEOUT: positiveInt.default(5),
  S3_READ_TIMEOUT: positiveInt.default(5),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  MAX_IMAGE_SIZE: positiveInt.default(16 * 1024 * 1024),
  MAX_IMAGE_MATRIX: positiveInt.default(33_177_600),
  MAX_VIDEO_SIZE: positiveInt.default(99 * 1024 * 1024),
  MAX_VIDEO_MATRIX: positiveInt.default(8_294_400),
  MAX_VIDEO_FRAME_RATE: positiveInt.default(120),
  MAX_VIDEO_DURATION: positiveInt.default(3600),
  /** Remote media: `eager` fetches it when it arrives (Mastodon's way), `lazy` on first view. */
  MEDIA_CACHE_MODE: z.enum(['eager', 'lazy']).default('eager'),
  /** Mastodon's secure mode: every ActivityPub GET must be signed (not the instance actor). */
  AUTHORIZED_FETCH: bool.default(false),
  /** Tests only (refused in production): `a.test=127.0.0.2:8443,...` in place of DNS. */
  FEDERATION_TEST_HOSTS: z
    .string()
    .regex(
      /^\s*([a-z0-9.-]+=[0-9a-f.:[\]]+\s*(,\s*|$))*$/i,
      'expected host=address[:port] pairs, such as a.test=127.0.0.2:8443,b.test=127.0.0.3:8443',
    )
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  localDomain: string;
  webDomain: string;
  alternateDomains: string[];
  /** `https` unless LOCAL_HTTPS=false, or the domain is localhost. */
  protocol: 'http' | 'https';
  /** The public origin of the web interface and API, such as `https://example.com`. */
  baseUrl: string;
  dataDir: string;
  secretKeyBase: string;
  /** The key pair web push is signed with (VAPID, RFC 8292). */
  vapid: { publicKey: string; privateKey: string };
  database:
    | { kind: 'sqlite'; path: string }
    | {
        kind: 'postgres';
        url: string;
        pool: number;
        ssl: Env['DB_SSLMODE'];
        /** Statements run more than once are prepared per connection (PREPARED_STATEMENTS). */
        preparedStatements: boolean;
      };
  redisUrl: string | undefined;
  /** Deliveries a worker process runs at once, in loops of their own (PUSH_CONCURRENCY). */
  pushConcurrency: number;
  /**
   * Threads that run this process's job workers, so jobs use other cores than the one serving
   * HTTP (JOB_THREADS; 0: the workers run in the main thread; auto: one thread while the
   * queues are busy).
   */
  jobThreads: number | 'auto';
  /**
   * The queues the job threads take (JOB_THREAD_QUEUES); the main thread runs workers for the
   * others. Null: the threads take every queue and the main thread none.
   */
  jobThreadQueues: QueueName[] | null;
  bind: string;
  port: number;
  /** Serve HTTPS directly with this certificate and key (PEM files); null behind a proxy. */
  tls: { certFile: string; keyFile: string } | null;
  singleUserMode: boolean;
  trustedProxies: string[];
  /** Whether requests are throttled as Mastodon's Rack::Attack does. */
  rateLimits: boolean;
  smtp:
    | {
        host: string;
        port: number;
        user: string | undefined;
        password: string | undefined;
        from: string;
        authMethod: Env['SMTP_AUTH_METHOD'];
        secure: boolean;
        starttls: Env['SMTP_ENABLE_STARTTLS'];
      }
    | undefined;
  streamingUrl: string;
  logLevel: Env['LOG_LEVEL'];
  media: MediaConfig;
  /** Whether ActivityPub GETs must be signed (AUTHORIZED_FETCH, Mastodon's secure mode). */
  authorizedFetch: boolean;
  /** Test-only host-to-address map for outgoing connections (FEDERATION_TEST_HOSTS). */
  federationTestHosts: string | undefined;
}

/** Where uploads are kept and how large they may be (Mastodon's S3_* and MAX_* variables). */
export interface MediaConfig {
  storage: { kind: 'fs'; root: string } | S3Config;
  /** Origin of public media URLs for local storage (CDN_HOST), else the web domain. */
  cdnHost: string | undefined;
  /** When remote media is fetched into the cache: on arrival, or when first viewed. */
  cacheMode: 'eager' | 'lazy';
  limits: {
    /** Bytes. */
    imageSize: number;
    /** Width times height. */
    imageMatrix: number;
    videoSize: number;
    videoMatrix: number;
    videoFrameRate: number;
    /** Seconds. */
    videoDuration: number;
  };
}

export interface S3Config {
  kind: 's3';
  bucket: string;
  region: string;
  /** The API endpoint; unset means AWS for the region. */
  endpoint: string | undefined;
  /** The public origin of the files, such as `https://files.example.com`. */
  publicOrigin: string;
  /** Whether public URLs put the bucket in the path (no alias host). */
  bucketInPath: boolean;
  /** The canned ACL sent with each file, or null to send none (R2, ACL-less stores). */
  permission: string | null;
  forcePathStyle: boolean;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  openTimeoutMs: number;
  readTimeoutMs: number;
}
