/**
 * Woolly's configuration: one typed schema read from the environment, with Mastodon's variable
 * names where Mastodon has one. `loadConfig` (config/load.ts) reads it once at startup.
 */
import { z } from 'zod';

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
  DB_SSLMODE: z.enum(['disable', 'prefer', 'require', 'verify-full']).optional(),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  BIND: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  SINGLE_USER_MODE: bool.default(false),
  TRUSTED_PROXY_IP: list.default([]),
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
  database:
    | { kind: 'sqlite'; path: string }
    | { kind: 'postgres'; url: string; pool: number; ssl: Env['DB_SSLMODE'] };
  redisUrl: string | undefined;
  bind: string;
  port: number;
  singleUserMode: boolean;
  trustedProxies: string[];
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
}
