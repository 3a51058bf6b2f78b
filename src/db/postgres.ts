/**
 * PostgreSQL through a `pg` pool. By default (PREPARED_STATEMENTS, as in Mastodon) a statement
 * run more than once is sent as a named prepared statement: each connection parses and plans it
 * once and then only binds and executes it, where an unnamed statement is parsed and planned
 * on every run. PREPARED_STATEMENTS=false sends every statement unnamed, for PgBouncer in
 * transaction mode (before 1.21, or without `max_prepared_statements`), where consecutive
 * statements may reach different server connections. Either way Woolly keeps no other session
 * state (no LISTEN/NOTIFY, no SET).
 */
import { createHash } from 'node:crypto';
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

/**
 * `preparedStatements`: name statements run more than once (PREPARED_STATEMENTS, default on);
 * `preparedStatementLimit`: at most this many texts are named per database (see Statements).
 */
export function openPostgres(options: {
  url: string;
  pool?: number;
  ssl?: string;
  preparedStatements?: boolean;
  preparedStatementLimit?: number;
}): Database {
  const pool = new (pgDriver().Pool)({
    connectionString: options.url,
    max: options.pool ?? 10,
    ssl:
      options.ssl === 'require' || options.ssl === 'verify-full'
        ? { rejectUnauthorized: options.ssl === 'verify-full' }
        : undefined,
    idleTimeoutMillis: 30_000,
  });
  const limit =
    options.preparedStatements === false ? 0 : (options.preparedStatementLimit ?? statementLimit);
  return new PostgresDatabase(pool, new Statements(limit));
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

/**
 * Distinct texts named per database (Rails bounds Mastodon's with `statement_limit`, 1000 per
 * connection). Every connection of the pool may hold each of them for its life: about 30 kB of
 * PostgreSQL memory apiece for the inbox's statements, so at most some 15 MB per connection.
 * Texts past the limit run unnamed, as do texts seen only once so far, so one-off texts (an
 * `IN (?, ?, ...)` list of an unusual length) do not use it up.
 */
const statementLimit = 500;
/** SQL texts remembered (their `$n` form and use count); more are translated every time. */
const textLimit = 5000;

/**
 * Only single data statements are named: DDL, BEGIN/COMMIT and several statements in one text
 * (which a parameterless `run` may send today, through the simple protocol) keep going unnamed.
 */
function preparable(sql: string): boolean {
  return /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\b/i.test(sql) && !/;\s*\S/.test(sql);
}

interface Statement {
  /** The SQL with `$n` placeholders. */
  text: string;
  runs: number;
  /** Set from the second run on, while the limit allows. */
  name: string | undefined;
}

/** The statements of one database: their PostgreSQL text and, once they are named, their name. */
class Statements {
  readonly #byText = new Map<string, Statement>();
  readonly #limit: number;
  #named = 0;
  #generation = 0;

  /** `limit` 0: nothing is ever named (PREPARED_STATEMENTS=false). */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** What to send for `sql`: a name only once the text has run before. */
  lookup(sql: string): Statement {
    let statement = this.#byText.get(sql);
    if (statement === undefined) {
      statement = { text: toPostgresPlaceholders(sql), runs: 0, name: undefined };
      if (this.#byText.size < textLimit) this.#byText.set(sql, statement);
    }
    statement.runs += 1;
    if (
      statement.name === undefined &&
      statement.runs > 1 &&
      this.#named < this.#limit &&
      preparable(sql)
    ) {
      this.#named += 1;
      const hash = createHash('sha1').update(statement.text).digest('base64url').slice(0, 20);
      statement.name = `w${this.#generation}_${hash}`;
    }
    return statement;
  }

  /**
   * A schema change gave a prepared statement another result type ("cached plan must not
   * change result type", a `SELECT *` after a column was added): every text is named anew, so
   * each connection prepares it again against the schema of now. The old statements stay on
   * their connections, unused, until the connection closes.
   */
  expire(): void {
    this.#generation += 1;
    this.#named = 0;
    for (const statement of this.#byText.values()) statement.name = undefined;
  }
}

function isStalePlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

/**
 * Queries on the pool (`retry`: a statement whose prepared plan went stale is run again, as it
 * had no effect) or on one client inside a transaction (the error aborted the transaction, so it
 * is thrown; the statements are renamed for whoever runs them next).
 */
function queryable(
  client: pg.Pool | pg.PoolClient,
  statements: Statements,
  retry: boolean,
): Queryable {
  const send = (sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> => {
    const { text, name } = statements.lookup(sql);
    const values = params as unknown[];
    return name === undefined ? client.query(text, values) : client.query({ name, text, values });
  };
  const query = async (sql: string, params: readonly SqlValue[] = []) => {
    try {
      return await send(sql, params);
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      statements.expire();
      if (!retry) throw error;
      return await send(sql, params);
    }
  };
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]) => ({
      changes: (await query(sql, params)).rowCount ?? 0,
    }),
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #statements: Statements;
  readonly #q: Queryable;

  constructor(pool: pg.Pool, statements: Statements) {
    this.#pool = pool;
    this.#statements = statements;
    this.#q = queryable(pool, statements, true);
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
      const result = await fn(queryable(client, this.#statements, false));
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
