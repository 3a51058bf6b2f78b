/**
 * PREPARED_STATEMENTS, Mastodon's switch for PgBouncer in transaction mode: on unless set to
 * false, carried into the PostgreSQL configuration, and a value that is not a boolean stops
 * the start naming the variable, as every other setting does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfig, ConfigError, describeConfig, parseEnvVars } from '../../src/config/load.ts';

const base = {
  DATABASE_URL: 'postgres://woolly@db.example:5432/woolly',
  SECRET_KEY_BASE: 'x'.repeat(64),
};

function prepared(env: Record<string, string>): boolean | undefined {
  const database = buildConfig(parseEnvVars({ ...base, ...env }), '/tmp').database;
  return database.kind === 'postgres' ? database.preparedStatements : undefined;
}

test('PREPARED_STATEMENTS is on by default and turned off by false', () => {
  assert.equal(prepared({}), true);
  assert.equal(prepared({ PREPARED_STATEMENTS: 'true' }), true);
  assert.equal(prepared({ PREPARED_STATEMENTS: 'false' }), false);
});

test('woolly config check shows it', () => {
  const config = buildConfig(parseEnvVars({ ...base, PREPARED_STATEMENTS: 'false' }), '/tmp');
  assert.equal(
    (describeConfig(config).database as { prepared_statements: unknown }).prepared_statements,
    false,
  );
});

test('a value that is not true or false stops the start, naming the variable', () => {
  assert.throws(
    () => parseEnvVars({ ...base, PREPARED_STATEMENTS: 'sometimes' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /PREPARED_STATEMENTS: .*"true"\|"false".*, got "sometimes"/);
      return true;
    },
  );
});
