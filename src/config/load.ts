/**
 * Loads the configuration once: the process environment over an optional `.env` file, checked
 * against config/schema.ts. A bad value stops startup with a message naming the variable.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { envSchema, type Config, type Env } from './schema.ts';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `Woolly cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads `KEY=value` lines from `path`, or nothing if the file does not exist. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** Variables whose empty value means something (Mastodon's `S3_PERMISSION=`: send no ACL). */
const emptyIsAValue = new Set(['S3_PERMISSION']);

/** Checks raw variables against the schema; throws ConfigError naming every bad variable. */
export function parseEnvVars(raw: Record<string, string | undefined>): Env {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => raw[key] !== undefined && (raw[key] !== '' || emptyIsAValue.has(key)))
      .map((key) => [key, raw[key]]),
  );
  const result = envSchema.safeParse(known);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const got = raw[name] === undefined ? '' : `, got ${JSON.stringify(mask(name, raw[name]))}`;
      return `${name}: ${issue.message}${got}`;
    }),
  );
}

/**
 * Builds the configuration from the environment and `.env` (the environment wins).
 * The secret key is read from SECRET_KEY_BASE, or from `DATA_DIR/secrets.json`, which is
 * created on the first start of an embedded instance.
 */
export function loadConfig(
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    envFile?: string | false;
  } = {},
): Config {
  const cwd = options.cwd ?? process.cwd();
  const fromFile =
    options.envFile === false ? {} : readEnvFile(resolve(cwd, options.envFile ?? '.env'));
  const env = parseEnvVars({ ...fromFile, ...(options.env ?? process.env) });
  return buildConfig(env, cwd);
}

export function buildConfig(env: Env, cwd: string): Config {
  checkS3(env);
  checkTls(env);
  checkTestHosts(env);
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(cwd, env.DATA_DIR);
  const webDomain = env.WEB_DOMAIN ?? env.LOCAL_DOMAIN;
  const isLocalhost = /^(localhost|127\.[0-9.]+)(:[0-9]+)?$/.test(webDomain);
  const protocol = (env.LOCAL_HTTPS ?? !isLocalhost) ? 'https' : 'http';
  const baseUrl = `${protocol}://${webDomain}`;
  const secretKeyBase = env.SECRET_KEY_BASE ?? readOrCreateSecrets(dataDir).SECRET_KEY_BASE;
  return {
    env: env.NODE_ENV,
    localDomain: env.LOCAL_DOMAIN,
    webDomain,
    alternateDomains: env.ALTERNATE_DOMAINS,
    protocol,
    baseUrl,
    dataDir,
    secretKeyBase,
    vapid: vapidKeys(env, dataDir),
    database: databaseConfig(env, dataDir),
    redisUrl: env.REDIS_URL,
    pushConcurrency: env.PUSH_CONCURRENCY,
    jobThreads: env.JOB_THREADS,
    jobThreadQueues: env.JOB_THREAD_QUEUES ?? null,
    bind: env.BIND,
    port: env.PORT,
    tls:
      env.TLS_CERT_FILE && env.TLS_KEY_FILE
        ? { certFile: resolve(cwd, env.TLS_CERT_FILE), keyFile: resolve(cwd, env.TLS_KEY_FILE) }
        : null,
    singleUserMode: env.SINGLE_USER_MODE,
    trustedProxies: env.TRUSTED_PROXY_IP,
    rateLimits: env.RATE_LIMITS,
    smtp: env.SMTP_SERVER
      ? {
          host: env.SMTP_SERVER,
          port: env.SMTP_PORT ?? 587,
          user: env.SMTP_LOGIN,
          password: env.SMTP_PASSWORD,
          from: env.SMTP_FROM_ADDRESS ?? `notifications@${env.LOCAL_DOMAIN.replace(/:.*/, '')}`,
          authMethod: env.SMTP_AUTH_METHOD,
          secure: env.SMTP_SSL,
          starttls: env.SMTP_ENABLE_STARTTLS,
        }
      : undefined,
    streamingUrl:
      env.STREAMING_API_BASE_URL ?? `${protocol === 'https' ? 'wss' : 'ws'}://${webDomain}`,
    logLevel: env.LOG_LEVEL,
    media: mediaConfig(env, dataDir),
    authorizedFetch: env.AUTHORIZED_FETCH,
    federationTestHosts: env.FEDERATION_TEST_HOSTS,
  };
}

/** S3 needs a bucket; everything else has Mastodon's defaults. */
function checkS3(env: Env): void {
  if (env.S3_ENABLED && !env.S3_BUCKET) {
    throw new ConfigError(['S3_BUCKET: required when S3_ENABLED=true']);
  }
}

/** The test-only host map would let a server reach private addresses: never in production. */
function checkTestHosts(env: Env): void {
  if (env.FEDERATION_TEST_HOSTS && env.NODE_ENV === 'production') {
    throw new ConfigError(['FEDERATION_TEST_HOSTS: refused when NODE_ENV=production (tests only)']);
  }
}

/** A certificate needs its key and the other way round. */
function checkTls(env: Env): void {
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
    throw new ConfigError(['TLS_CERT_FILE, TLS_KEY_FILE: set both or neither']);
  }
}

function mediaConfig(env: Env, dataDir: string): Config['media'] {
  const limits = {
    imageSize: env.MAX_IMAGE_SIZE,
    imageMatrix: env.MAX_IMAGE_MATRIX,
    videoSize: env.MAX_VIDEO_SIZE,
    videoMatrix: env.MAX_VIDEO_MATRIX,
    videoFrameRate: env.MAX_VIDEO_FRAME_RATE,
    videoDuration: env.MAX_VIDEO_DURATION,
  };
  if (!env.S3_ENABLED || !env.S3_BUCKET) {
    return {
      storage: { kind: 'fs', root: join(dataDir, 'media') },
      cdnHost: env.CDN_HOST,
      cacheMode: env.MEDIA_CACHE_MODE,
      limits,
    };
  }
  const region = env.S3_REGION ?? 'us-east-1';
  // Mastodon's paperclip setup: an alias host serves the bucket at its root; otherwise the
  // files are at S3_HOSTNAME (or the endpoint's host, or AWS's) with the bucket in the path.
  const hostname =
    env.S3_HOSTNAME ??
    (env.S3_ENDPOINT ? new URL(env.S3_ENDPOINT).host : `s3-${region}.amazonaws.com`);
  const publicOrigin = env.S3_ALIAS_HOST
    ? `${env.S3_PROTOCOL}://${env.S3_ALIAS_HOST}`
    : `${env.S3_PROTOCOL}://${hostname}`;
  return {
    storage: {
      kind: 's3',
      bucket: env.S3_BUCKET,
      region,
      endpoint: env.S3_ENDPOINT,
      publicOrigin,
      bucketInPath: !env.S3_ALIAS_HOST,
      permission: env.S3_PERMISSION === undefined ? 'public-read' : env.S3_PERMISSION || null,
      forcePathStyle: env.S3_OVERRIDE_PATH_STYLE,
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      openTimeoutMs: env.S3_OPEN_TIMEOUT * 1000,
      readTimeoutMs: env.S3_READ_TIMEOUT * 1000,
    },
    cdnHost: env.CDN_HOST,
    cacheMode: env.MEDIA_CACHE_MODE,
    limits,
  };
}

function databaseConfig(env: Env, dataDir: string): Config['database'] {
  const pool = env.DB_POOL;
  const ssl = env.DB_SSLMODE;
  const preparedStatements = env.PREPARED_STATEMENTS;
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    if (url.protocol === 'sqlite:' || url.protocol === 'file:') {
      const path = decodeURIComponent(url.pathname);
      return { kind: 'sqlite', path: path === '/:memory:' ? ':memory:' : path };
    }
    return { kind: 'postgres', url: env.DATABASE_URL, pool, ssl, preparedStatements };
  }
  if (env.DB_HOST || env.DB_NAME) {
    const url = new URL('postgres://localhost');
    url.hostname = env.DB_HOST ?? 'localhost';
    url.port = String(env.DB_PORT ?? 5432);
    url.username = env.DB_USER ?? 'mastodon';
    url.password = env.DB_PASS ?? '';
    url.pathname = `/${env.DB_NAME ?? 'mastodon_production'}`;
    return { kind: 'postgres', url: url.toString(), pool, ssl, preparedStatements };
  }
  return { kind: 'sqlite', path: join(dataDir, 'woolly.sqlite') };
}

export interface Secrets {
  SECRET_KEY_BASE: string;
  [key: string]: string;
}

/** Reads `secrets.json` in the data directory, creating it (mode 0600) with new secrets if absent. */
export function readOrCreateSecrets(dataDir: string): Secrets {
  const path = join(dataDir, 'secrets.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Secrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: Secrets = { SECRET_KEY_BASE: generateSecret() };
  writeFileSync(path, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return secrets;
}

/**
 * The VAPID key pair: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or the pair kept in
 * `secrets.json`, generated on the first start that needs it. Processes sharing a database
 * must share the pair (set the variables), as browsers bind a subscription to one public key.
 */
function vapidKeys(env: Env, dataDir: string): Config['vapid'] {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  }
  const secrets = readOrCreateSecrets(dataDir);
  if (!secrets.VAPID_PUBLIC_KEY || !secrets.VAPID_PRIVATE_KEY) {
    const keys = generateVapidKeys();
    secrets.VAPID_PUBLIC_KEY = keys.publicKey;
    secrets.VAPID_PRIVATE_KEY = keys.privateKey;
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(secrets, null, 2) + '\n', {
      mode: 0o600,
    });
  }
  return { publicKey: secrets.VAPID_PUBLIC_KEY, privateKey: secrets.VAPID_PRIVATE_KEY };
}

/**
 * A new VAPID pair (RFC 8292): a P-256 key, the public half as the uncompressed point (65
 * bytes) and the private half as the 32-byte scalar, both base64url without padding, the form
 * browsers and the `web-push` library take. Made here with node:crypto so that reading the
 * configuration does not load web-push, which only a delivery needs.
 */
function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const point = publicKey.export({ format: 'jwk' });
  const scalar = privateKey.export({ format: 'jwk' });
  const uncompressed = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(point.x!, 'base64url'),
    Buffer.from(point.y!, 'base64url'),
  ]);
  return { publicKey: uncompressed.toString('base64url'), privateKey: scalar.d! };
}

/** A new 128-character hex secret, like `rake secret`. */
export function generateSecret(): string {
  return randomBytes(64).toString('hex');
}

const secretNames = /SECRET|PASSWORD|PASS$|KEY/;

/** Hides secrets for printing: keeps the first 4 characters. */
export function mask(name: string, value: string | undefined): string | undefined {
  if (value === undefined || !secretNames.test(name)) return value;
  return value.length <= 4 ? '****' : `${value.slice(0, 4)}****`;
}

/** The effective configuration as printable lines, secrets masked (`woolly config check`). */
export function describeConfig(config: Config): Record<string, unknown> {
  const db =
    config.database.kind === 'sqlite'
      ? { kind: 'sqlite', path: config.database.path }
      : {
          kind: 'postgres',
          url: maskUrl(config.database.url),
          pool: config.database.pool,
          prepared_statements: config.database.preparedStatements,
        };
  return {
    LOCAL_DOMAIN: config.localDomain,
    WEB_DOMAIN: config.webDomain,
    ALTERNATE_DOMAINS: config.alternateDomains,
    base_url: config.baseUrl,
    DATA_DIR: config.dataDir,
    SECRET_KEY_BASE: mask('SECRET_KEY_BASE', config.secretKeyBase),
    VAPID_PUBLIC_KEY: config.vapid.publicKey,
    VAPID_PRIVATE_KEY: mask('VAPID_PRIVATE_KEY', config.vapid.privateKey),
    database: db,
    REDIS_URL: config.redisUrl
      ? maskUrl(config.redisUrl)
      : '(not set: in-process queue and events)',
    PUSH_CONCURRENCY: config.pushConcurrency,
    JOB_THREADS: config.jobThreads,
    JOB_THREAD_QUEUES: config.jobThreadQueues?.join(',') ?? '(not set: every queue)',
    BIND: config.bind,
    PORT: config.port,
    TLS_CERT_FILE: config.tls?.certFile ?? '(not set: plain HTTP)',
    TLS_KEY_FILE: config.tls?.keyFile ?? '(not set)',
    SINGLE_USER_MODE: config.singleUserMode,
    TRUSTED_PROXY_IP: config.trustedProxies,
    RATE_LIMITS: config.rateLimits,
    smtp: config.smtp
      ? { ...config.smtp, password: mask('SMTP_PASSWORD', config.smtp.password) }
      : '(not set: mails are written to the log)',
    streaming_api: config.streamingUrl,
    LOG_LEVEL: config.logLevel,
    AUTHORIZED_FETCH: config.authorizedFetch,
    media:
      config.media.storage.kind === 's3'
        ? {
            ...config.media.storage,
            secretAccessKey: mask('AWS_SECRET_ACCESS_KEY', config.media.storage.secretAccessKey),
          }
        : config.media.storage,
  };
}

function maskUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '****';
  return url.toString();
}
