/**
 * Checks a JSON value against the shape of a Mastodon entity in test/fixtures/mastodon/
 * entities.json: every key Mastodon always sends is there, no key Mastodon does not know is,
 * and each value has the documented type (ids as strings of digits, dates as dates).
 *
 * @example assertEntity(await res.json(), 'Account');
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

type Spec = string | { [key: string]: Spec };
// entities.json: accounts and the instance; statuses.json: posts, polls and their parts;
// relationships.json: relationships, tags, featured tags, reports; notifications.json:
// notifications, their groups, policy and requests; filters.json: filters, their results on
// statuses, and search results; media.json: media attachments; discovery.json: announcements,
// preview cards, trending links and suggestions.
const entities = Object.assign(
  {},
  ...[
    'entities.json',
    'statuses.json',
    'relationships.json',
    'notifications.json',
    'filters.json',
    'media.json',
    'discovery.json',
  ].map(
    (file) =>
      JSON.parse(
        readFileSync(new URL(`../fixtures/mastodon/${file}`, import.meta.url), 'utf8'),
      ) as Record<string, Record<string, Spec>>,
  ),
) as Record<string, Record<string, Spec>>;

function specOf(name: string): Record<string, Spec> {
  const entity = entities[name];
  if (!entity) throw new Error(`no entity ${name} in entities.json`);
  const base = typeof entity._extends === 'string' ? specOf(entity._extends) : {};
  return { ...base, ...entity };
}

const isAbsoluteUrl = (v: string, schemes: RegExp) => {
  try {
    return schemes.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

function checkType(value: unknown, type: string, path: string, problems: string[]): void {
  const nullable = type.endsWith('|null');
  const base = nullable ? type.slice(0, -'|null'.length) : type;
  if (value === null) {
    if (!nullable) problems.push(`${path} is null, expected ${base}`);
    return;
  }
  const fail = (): void => {
    problems.push(`${path} is ${JSON.stringify(value)}, expected ${type}`);
  };
  const array = /^array<(.+)>$/.exec(base);
  if (array) {
    if (!Array.isArray(value)) return fail();
    value.forEach((item, i) => checkType(item, array[1]!, `${path}[${i}]`, problems));
    return;
  }
  if (base.startsWith('enum:')) {
    if (
      !base
        .slice(5)
        .split(',')
        .includes(value as string)
    )
      fail();
    return;
  }
  switch (base) {
    case 'string':
      if (typeof value !== 'string') fail();
      return;
    case 'id':
      if (typeof value !== 'string' || !/^\d+$/.test(value)) fail();
      return;
    case 'integer':
      if (!Number.isInteger(value)) fail();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return;
    case 'url':
      if (typeof value !== 'string' || !isAbsoluteUrl(value, /^https?:$/)) fail();
      return;
    case 'uri':
      if (typeof value !== 'string' || !isAbsoluteUrl(value, /^[a-z]+:$/)) fail();
      return;
    case 'datetime':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)
      )
        fail();
      return;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) fail();
      return;
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) fail();
      return;
    default:
      checkObject(value, specOf(base), path, problems);
  }
}

function checkObject(
  value: unknown,
  spec: Record<string, Spec>,
  path: string,
  problems: string[],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path} is ${JSON.stringify(value)}, expected an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(spec).filter((k) => !k.startsWith('_'));
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) problems.push(`${path}.${key} is not a documented key`);
  }
  for (const key of keys) {
    const keySpec = spec[key]!;
    const optional = typeof keySpec === 'string' && keySpec.endsWith('?');
    if (!(key in record)) {
      if (!optional) problems.push(`${path}.${key} is missing`);
      continue;
    }
    if (typeof keySpec === 'string') {
      checkType(record[key], optional ? keySpec.slice(0, -1) : keySpec, `${path}.${key}`, problems);
    } else {
      checkObject(record[key], keySpec, `${path}.${key}`, problems);
    }
  }
}

/** The problems with `value` as an `entity`; empty when it has Mastodon's shape. */
export function entityProblems(value: unknown, entity: string): string[] {
  const problems: string[] = [];
  checkType(value, entity, entity, problems);
  return problems;
}

export function assertEntity(value: unknown, entity: string): void {
  const problems = entityProblems(value, entity);
  assert.deepEqual(problems, [], `not a Mastodon ${entity}:\n${problems.join('\n')}`);
}
