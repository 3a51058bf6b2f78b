/**
 * Forward-only migrations, one set for SQLite and PostgreSQL. Each file in db/migrations is
 * `NNNN_name.ts` exporting `sql`, written in the SQL both databases accept; a migration that
 * needs what only one database has (SQLite's FTS5, PostgreSQL's tsvector) exports `sqlite`
 * and `postgres` instead. Each migration runs in its own transaction; on PostgreSQL an
 * advisory lock keeps two processes from racing.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export interface Migration {
  version: string;
  name: string;
  /** The SQL for each database (the same text when the file exports one `sql`). */
  sql: Record<Database['dialect'], string>;
}

interface MigrationModule {
  sql?: string;
  sqlite?: string;
  postgres?: string;
}

/** The SQL of each dialect a migration file exports; both are required. */
export function migrationSql(file: string, module: MigrationModule): Migration['sql'] {
  const sqlite = module.sqlite ?? module.sql;
  const postgres = module.postgres ?? module.sql;
  if (sqlite === undefined || postgres === undefined) {
    throw new Error(
      `migration ${file} exports neither \`sql\` nor both \`sqlite\` and \`postgres\``,
    );
  }
  return { sqlite, postgres };
}

export interface MigrationStatus {
  version: string;
  name: string;
  appliedAt: number | null;
}

const dir = fileURLToPath(new URL('./migrations/', import.meta.url));
const lockKey = 7_146_323_019; // any constant; names Woolly's migration lock

/** Every migration shipped with this version of Woolly, oldest first. */
export async function loadMigrations(): Promise<Migration[]> {
  const files = readdirSync(dir)
    .filter((f) => /^[0-9]{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const module = (await import(
      new URL(`./migrations/${file}`, import.meta.url).href
    )) as MigrationModule;
    const [version, ...rest] = file.replace(/\.ts$/, '').split('_');
    migrations.push({ version: version!, name: rest.join('_'), sql: migrationSql(file, module) });
  }
  const seen = new Set<string>();
  for (const m of migrations) {
    // The version is the key of schema_migrations: a second file with the same number would
    // be skipped silently on every database that already has the first.
    if (seen.has(m.version)) throw new Error(`two migrations share the number ${m.version}`);
    seen.add(m.version);
  }
  return migrations;
}

async function ensureTable(db: Database): Promise<void> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
}

/** Which migrations are applied and which are pending. */
export async function migrationStatus(db: Database): Promise<MigrationStatus[]> {
  await ensureTable(db);
  const applied = new Map(
    (
      await db.all<{ version: string; applied_at: number }>(
        'SELECT version, applied_at FROM schema_migrations',
      )
    ).map((r) => [r.version, r.applied_at]),
  );
  return (await loadMigrations()).map((m) => ({
    version: m.version,
    name: m.name,
    appliedAt: applied.get(m.version) ?? null,
  }));
}

/** Applies every pending migration; returns the ones it applied. */
export async function migrate(db: Database, now: () => number = Date.now): Promise<Migration[]> {
  await ensureTable(db);
  const done: Migration[] = [];
  for (const migration of await loadMigrations()) {
    const applied = await db.transaction(async (tx) => {
      if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [lockKey]);
      const row = await tx.get('SELECT version FROM schema_migrations WHERE version = ?', [
        migration.version,
      ]);
      if (row) return false;
      await tx.exec(migration.sql[db.dialect]);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      return true;
    });
    if (applied) done.push(migration);
  }
  return done;
}
