/**
 * Request parameters as Mastodon reads them: the query string and the body (JSON, form or
 * multipart) merged into one object, with Rails' bracket keys (`poll[options][]`,
 * `fields_attributes[0][name]`) turned into nested objects and arrays.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../core/errors.ts';

export type Params = Record<string, unknown>;

/** Sets `value` at a Rails-style key such as `a[b][]` inside `target`. */
export function assignBracketKey(target: Params, key: string, value: unknown): void {
  const match = key.match(/^([^[\]]+)((?:\[[^[\]]*\])*)$/);
  if (!match) {
    target[key] = value;
    return;
  }
  const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
  let node: Params = target;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    const nextIsList = path[i + 1] === '';
    if (part === '') {
      // `key[]`: append to the list held by the parent (handled below by the parent's step).
      continue;
    }
    if (last) {
      node[part] = value;
    } else if (nextIsList) {
      const list = Array.isArray(node[part]) ? (node[part] as unknown[]) : [];
      node[part] = list;
      if (i + 1 === path.length - 1) {
        list.push(value);
        return;
      }
      // `a[][b]`: objects inside a list; start a new object when the key repeats.
      const rest = path.slice(i + 2);
      let item = list[list.length - 1] as Params | undefined;
      if (!item || typeof item !== 'object' || rest[0]! in item) {
        item = {};
        list.push(item);
      }
      assignBracketKey(item, rest.map((p, j) => (j === 0 ? p : `[${p}]`)).join(''), value);
      return;
    } else {
      const child = node[part];
      node[part] = child && typeof child === 'object' && !Array.isArray(child) ? child : {};
      node = node[part] as Params;
    }
  }
}

function fromPairs(pairs: Iterable<[string, unknown]>, into: Params = {}): Params {
  for (const [key, value] of pairs) assignBracketKey(into, key, value);
  return into;
}

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The merged parameters of the request (query, then body over it). Cached per request. */
export async function readParams(c: Context): Promise<Params> {
  const cached = c.get('params' as never) as Params | undefined;
  if (cached) return cached;
  const url = new URL(c.req.url);
  const params = fromPairs(url.searchParams.entries());
  if (bodyMethods.has(c.req.method)) {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (type.includes('application/json')) {
      const text = await c.req.text();
      if (text.trim() !== '') {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new AppError(
            400,
            'Error occurred while parsing request parameters: the body is not valid JSON',
          );
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new AppError(
            400,
            'Error occurred while parsing request parameters: the JSON body must be an object',
          );
        }
        Object.assign(params, body);
      }
    } else if (
      type.includes('application/x-www-form-urlencoded') ||
      type.includes('multipart/form-data')
    ) {
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new AppError(
          400,
          'Error occurred while parsing request parameters: the form body is malformed',
        );
      }
      fromPairs(form.entries(), params);
    }
  }
  c.set('params' as never, params as never);
  return params;
}

/**
 * Checks parameters against a schema. A missing required parameter is Mastodon's 400
 * (`param is missing or the value is empty: name`); any other problem is a 422 naming it.
 */
export function checkParams<S extends z.ZodType>(schema: S, params: Params): z.infer<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && params[String(issue.path[0])] === undefined) {
    throw new AppError(400, `param is missing or the value is empty: ${name}`);
  }
  throw new AppError(422, `Validation failed: ${name ? `${name} ` : ''}${issue.message}`);
}
