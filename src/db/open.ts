import type { Config } from '../config/schema.ts';
import type { Database } from './database.ts';
import { openSqlite } from './sqlite.ts';
import { openPostgres } from './postgres.ts';

/** Opens the database the configuration names. */
export function openDatabase(config: Pick<Config, 'database'>): Database {
  const db = config.database;
  return db.kind === 'sqlite' ? openSqlite(db.path) : openPostgres(db);
}
