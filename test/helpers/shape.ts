/**
 * Checks API JSON against an entity's shape in test/fixtures/shapes: every key Mastodon
 * sends and nothing else, each with its JSON type. A shape file lists `keys` (a name ending
 * in `?` is optional) with types such as `string`, `boolean`, `number`, `object`, `null`,
 * `datetime` (ISO 8601), `date` (YYYY-MM-DD), `numeric-string`, `array<T>`, or the name of a
 * nested shape in the same file; `a|b` allows either.
 *
 * @example assertShape(await res.json(), 'Relationship');
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

type ShapeFile = { keys: Record<string, string> } & Record<string, unknown>;

const cache = new Map<string, ShapeFile>();

function load(entity: string): ShapeFile {
  let shape = cache.get(entity);
  if (!shape) {
    const url = new URL(`../fixtures/shapes/${entity}.json`, import.meta.url);
    shape = JSON.parse(readFileSync(url, 'utf8')) as ShapeFile;
    cache.set(entity, shape);
  }
  return shape;
}

function matches(file: ShapeFile, type: string, value: unknown, path: string): string | null {
  const options = type.split('|');
  const problems = options.map((option) => check(file, option, value, path));
  return problems.includes(null) ? null : problems.join('; ');
}

function check(file: ShapeFile, type: string, value: unknown, path: string): string | null {
  const fail = () => `${path} should be ${type}, got ${JSON.stringify(value)}`;
  const list = /^array<(.+)>$/.exec(type);
  if (list) {
    if (!Array.isArray(value)) return fail();
    for (const [i, item] of value.entries()) {
      const problem = matches(file, list[1]!, item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  switch (type) {
    case 'null':
      return value === null ? null : fail();
    case 'string':
    case 'boolean':
    case 'number':
      return typeof value === type ? null : fail();
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : fail();
    case 'datetime':
      return typeof value === 'string' &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) &&
        !Number.isNaN(Date.parse(value))
        ? null
        : fail();
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value) ? null : fail();
    case 'numeric-string':
      return typeof value === 'string' && /^\d+$/.test(value) ? null : fail();
    default: {
      const nested = file[type] as Record<string, string> | undefined;
      if (!nested) throw new Error(`unknown type ${type} in shape`);
      return objectProblem(file, nested, value, path);
    }
  }
}

function objectProblem(
  file: ShapeFile,
  keys: Record<string, string>,
  value: unknown,
  path: string,
): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `${path} should be an object`;
  }
  const record = value as Record<string, unknown>;
  const allowed = new Set(Object.keys(keys).map((k) => k.replace(/\?$/, '')));
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) return `${path}.${key} is not in the entity`;
  }
  for (const [spec, type] of Object.entries(keys)) {
    const optional = spec.endsWith('?');
    const key = spec.replace(/\?$/, '');
    if (!(key in record)) {
      if (optional) continue;
      return `${path}.${key} is missing`;
    }
    const problem = matches(file, type, record[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

/** Fails unless `value` has exactly the keys of `entity`, each of the right type. */
export function assertShape(value: unknown, entity: string): void {
  const file = load(entity);
  const problem = objectProblem(file, file.keys, value, entity);
  assert.equal(problem, null, problem ?? '');
  const enums = file.enums as Record<string, string[]> | undefined;
  for (const [key, allowed] of Object.entries(enums ?? {})) {
    assert.ok(
      allowed.includes(String((value as Record<string, unknown>)[key])),
      `${entity}.${key} should be one of ${allowed.join(', ')}`,
    );
  }
}
