/**
 * Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database created
 * on the server named by TEST_DATABASE_URL (default: the local `test` database). Every
 * storage test runs on both; a missing PostgreSQL fails the run, it is not skipped.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { openSqlite } from '../../src/db/sqlite.ts';

export type DatabaseKind = 'sqlite' | 'postgres';
export const databaseKinds: DatabaseKind[] = ['sqlite', 'postgres'];

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: DatabaseKind;
  /** DATABASE_URL for Woolly. */
  url: string;
  /** A temporary directory for DATA_DIR. */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * Migrating a database takes half a second on PostgreSQL, hundreds of times a run: each
 * database starts as a copy of one migrated once (named by the migrations' contents, so a new
 * migration makes a new one). `empty: true` gives a database with no tables (the migration
 * tests).
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'woolly-test-'));
  if (kind === 'sqlite') {
    if (!options.empty) copyFileSync(await sqliteTemplate(), join(dataDir, 'woolly.sqlite'));
    return {
      kind,
      url: `sqlite://${join(dataDir, 'woolly.sqlite')}`,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `woolly_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (options.empty) await admin.query(`CREATE DATABASE ${name}`);
    else await createFromTemplate(admin, name, await postgresTemplate());
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      dropLater(name);
    },
  };
}

/**
 * PostgreSQL checkpoints on every DROP DATABASE (up to seconds on a busy machine), so a test
 * does not wait for it: its database is dropped while the next tests run, two at a time per
 * process (drops that overlap can share a checkpoint; a bound keeps connections few). The
 * test process exits once its drops are done. A failed drop is reported on stderr.
 */
const toDrop: string[] = [];
let dropping = 0;

function dropLater(name: string): void {
  toDrop.push(name);
  if (dropping < 2) void dropQueued();
}

async function dropQueued(): Promise<void> {
  dropping += 1;
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    for (let name = toDrop.shift(); name !== undefined; name = toDrop.shift()) {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) => {
        process.stderr.write(`could not drop the test database ${name}: ${String(error)}\n`);
      });
    }
  } catch (error) {
    process.stderr.write(`could not drop test databases: ${String(error)}\n`);
  } finally {
    dropping -= 1;
    await client.end().catch(() => {});
  }
}

const migrationsDir = new URL('../../src/db/migrations/', import.meta.url);

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(file);
    hash.update(readFileSync(new URL(file, migrationsDir)));
  }
  return hash.digest('hex').slice(0, 12);
}

let sqliteTemplateFile: Promise<string> | undefined;

function sqliteTemplate(): Promise<string> {
  sqliteTemplateFile ??= (async () => {
    const file = join(tmpdir(), `woolly-test-template-${migrationsHash()}.sqlite`);
    if (existsSync(file)) return file;
    // Built aside and renamed into place, so a concurrent test process never copies half a file.
    const dir = mkdtempSync(join(tmpdir(), 'woolly-template-'));
    const building = join(dir, 'woolly.sqlite');
    const db = openSqlite(building);
    await migrate(db);
    await db.close();
    renameSync(building, file);
    rmSync(dir, { recursive: true, force: true });
    return file;
  })();
  return sqliteTemplateFile;
}

let postgresTemplateName: Promise<string> | undefined;

function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `woolly_template_${migrationsHash()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // One test process builds it; the others wait for the lock and find it there.
      await admin.query('SELECT pg_advisory_lock(7270011)');
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        const building = `${name}_${process.pid}`;
        await admin.query(`DROP DATABASE IF EXISTS ${building}`);
        await admin.query(`CREATE DATABASE ${building}`);
        const url = new URL(adminUrl);
        url.pathname = `/${building}`;
        const db = openPostgres({ url: url.toString(), pool: 1 });
        await migrate(db);
        await db.close();
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7270011)');
      await admin.end();
    }
    return name;
  })();
  return postgresTemplateName;
}

async function createFromTemplate(admin: pg.Client, name: string, template: string) {
  // Two copies started at the same moment can find the template busy: try again shortly.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
