/**
 * PostgreSQL through a `pg` pool. Safe behind pgbouncer in transaction mode: no session state,
 * no named prepared statements, no LISTEN/NOTIFY.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { Database, Queryable, Row, SqlValue } from './database.ts';

const require = createRequire(import.meta.url);
let driver: typeof pg | null = null;

/** pg, required by the first PostgreSQL database opened: an instance on SQLite never loads it. */
function pgDriver(): typeof pg {
  if (driver) return driver;
  driver = require('pg') as typeof pg;
  // int8: a number while it fits, a decimal string otherwise (snowflake ids), as from SQLite.
  driver.types.setTypeParser(20, (value: string) => {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  });
  // numeric (from SUM, AVG): a number.
  driver.types.setTypeParser(1700, (value: string) => Number(value));
  return driver;
}

export function openPostgres(options: { url: string; pool?: number; ssl?: string }): Database {
  const pool = new (pgDriver().Pool)({
    connectionString: options.url,
    max: options.pool ?? 10,
    ssl:
      options.ssl === 'require' || options.ssl === 'verify-full'
        ? { rejectUnauthorized: options.ssl === 'verify-full' }
        : undefined,
    idleTimeoutMillis: 30_000,
  });
  return new PostgresDatabase(pool);
}

/** `?` placeholders to `$1, $2, ...`, skipping quoted strings and identifiers. */
export function toPostgresPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

const translated = new Map<string, string>();
function translate(sql: string): string {
  let text = translated.get(sql);
  if (text === undefined) {
    text = toPostgresPlaceholders(sql);
    if (translated.size < 5000) translated.set(sql, text);
  }
  return text;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(translate(sql), params as unknown[])).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(translate(sql), params as unknown[])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => ({
      changes: (await client.query(translate(sql), params as unknown[])).rowCount ?? 0,
    }),
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #q: Queryable;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#q = queryable(pool);
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => {});
  }

  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#q.all<T>(sql, params);
  }
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#q.get<T>(sql, params);
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.#q.run(sql, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.#pool.query(sql);
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  #closed = false;
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
