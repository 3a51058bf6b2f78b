/**
 * A cheaper `jsonld.expand` for the way Fedify's vocabulary parses a document, with the same
 * results.
 *
 * Fedify 2.3.6 (@fedify/vocab) expands a document at every class level of a parse:
 * `Activity.fromJsonLd` expands the compact activity to find its subtype, `Create.fromJsonLd`
 * expands the same compact document again, and each level hands its expanded values to its
 * superclass, which expands them once more; an embedded object goes through the same steps.
 * Parsing a Create(Note) took 7 expansions, 235 of its 317 us (one of the compact document
 * about 42 us, one of an already expanded document about 33 us), in every inbox job
 * (Fedify's `#listenInboxMessage`) and every object fetched. Two shortcuts, both on
 * `jsonld.expand` itself (the default export of `@fedify/vocab-runtime/jsonld`, the very
 * object the vocabulary calls `.expand` on):
 *
 * - A document already in expanded form expands to itself, so it is copied instead: node
 *   objects with an absolute `@id`, a non-empty `@type` of absolute IRIs and absolute-IRI
 *   properties whose values are arrays of value objects (a string, number or boolean `@value`
 *   with an absolute `@type` or a lower-case BCP 47 `@language`), node objects, and `@list`s
 *   of those. The copy has its keys in the order jsonld.js writes them (sorted). Anything
 *   else (a `@context` anywhere, a term that is not an absolute IRI, `@graph`, `@reverse`,
 *   `@index`, `@set`, `@json`, a relative IRI, a null, a top-level node that jsonld.js would
 *   drop) goes to jsonld.js.
 * - The compact document expanded a second time in a row (the dispatch to the subtype) gets
 *   a copy of the first expansion, remembered per input object with the input's JSON text at
 *   the time, the document loader and the options: the same object, unchanged, read with
 *   the same loader.
 *
 * Both apply only with no other options than `documentLoader` and `keepFreeFloatingNodes`
 * (what the vocabulary passes); `base`, `expandContext`, `safe` and the rest go to jsonld.js.
 * With both, a Create(Note) parses in about 140 us of CPU instead of 285-370 (5 of its 7
 * expansions copied, 1 remembered), and an inbox job about 0.13 ms less, 1.38 against 1.25
 * ms (bench/inbox-stages.ts on SQLite, interleaved runs on a busy machine).
 *
 * The risk: this leans on Fedify 2.3.6's and jsonld 9.0.0's internals (which object the
 * vocabulary calls, what expansion does to an expanded document); Fedify is pinned exactly
 * in package.json and jsonld by package-lock.json, and test/federation/jsonld-expand.test.ts
 * compares both paths with jsonld.js on every fixture document and the edge cases: run it
 * after upgrading either. The remembered expansion assumes a document loader answers the
 * same for the same context twice in a row.
 */
import jsonld from '@fedify/vocab-runtime/jsonld';

type ExpandOptions = Record<string, unknown>;
type Expand = (input: unknown, options?: ExpandOptions) => Promise<unknown[]>;
type JsonObject = Record<string, unknown>;

const jsonldModule = jsonld as unknown as { expand: Expand };

/** jsonld.js's own expand, as it was before any installing. */
export const jsonldExpand: Expand = jsonldModule.expand.bind(jsonldModule);

/** jsonld.js's test for an absolute IRI or blank node identifier (lib/url.js). */
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
/** jsonld.js's BCP 47 check; a tag failing it makes jsonld.js emit a warning event. */
const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

interface Remembered {
  text: string;
  documentLoader: unknown;
  keepFreeFloatingNodes: unknown;
  expanded: unknown[];
}

/** The last expansion of each compact document still in use (entries go with the document). */
let remembered = new WeakMap<object, Remembered>();

/**
 * `jsonld.expand` with the shortcuts above; everything else is jsonld.js's.
 *
 * @example await expand(activity, { documentLoader, keepFreeFloatingNodes: true })
 */
export async function expand(input: unknown, options?: ExpandOptions): Promise<unknown[]> {
  if (!isPlainObject(input) || !hasOnlyVocabularyOptions(options)) {
    return jsonldExpand(input, options);
  }
  const copied = expandedCopy(input, options?.keepFreeFloatingNodes === true);
  if (copied) return copied;

  let text: string;
  try {
    text = JSON.stringify(input);
  } catch {
    return jsonldExpand(input, options);
  }
  const documentLoader = options?.documentLoader;
  const keepFreeFloatingNodes = options?.keepFreeFloatingNodes;
  const last = remembered.get(input);
  if (
    last &&
    last.text === text &&
    last.documentLoader === documentLoader &&
    last.keepFreeFloatingNodes === keepFreeFloatingNodes
  ) {
    return cloneJson(last.expanded) as unknown[];
  }
  const expanded = await jsonldExpand(input, options);
  remembered.set(input, {
    text,
    documentLoader,
    keepFreeFloatingNodes,
    expanded: cloneJson(expanded) as unknown[],
  });
  return expanded;
}

let installed = false;

/** Puts `expand` in place of jsonld.js's for the whole process (Fedify included), once. */
export function installFastExpand(): void {
  if (installed) return;
  installed = true;
  jsonldModule.expand = expand;
}

/** Puts jsonld.js's own expand back (for tests comparing the two). */
export function uninstallFastExpand(): void {
  installed = false;
  jsonldModule.expand = jsonldExpand;
  remembered = new WeakMap();
}

installFastExpand();

function hasOnlyVocabularyOptions(options: ExpandOptions | undefined): boolean {
  if (options === undefined) return true;
  if (!isPlainObject(options)) return false;
  for (const key in options) {
    if (key !== 'documentLoader' && key !== 'keepFreeFloatingNodes') return false;
  }
  return true;
}

/**
 * What jsonld.js's expand returns for a top-level node object already in expanded form, as a
 * fresh copy, or undefined when the document is not (then jsonld.js decides). jsonld.js drops
 * a top-level empty node or one with only `@id` unless asked to keep free-floating nodes.
 *
 * @example expandedCopy({ '@id': 'https://a.example/1', 'https://a.example/ns#p': [{ '@value': 1 }] }, true)
 * // [{ '@id': 'https://a.example/1', 'https://a.example/ns#p': [{ '@value': 1 }] }]
 */
export function expandedCopy(
  input: JsonObject,
  keepFreeFloatingNodes: boolean,
): unknown[] | undefined {
  if ('@value' in input || '@list' in input || '@set' in input) return undefined;
  const node = copyNode(input);
  if (!node) return undefined;
  if (!keepFreeFloatingNodes) {
    const keys = Object.keys(node);
    if (keys.length === 0 || (keys.length === 1 && keys[0] === '@id')) return undefined;
  }
  return [node];
}

function copyNode(node: JsonObject): JsonObject | undefined {
  const copy: JsonObject = {};
  for (const key of Object.keys(node).sort()) {
    const value = node[key];
    if (key === '@id') {
      if (!isAbsoluteIri(value)) return undefined;
      copy[key] = value;
    } else if (key === '@type') {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isAbsoluteIri)) {
        return undefined;
      }
      copy[key] = value.slice();
    } else if (ABSOLUTE_IRI.test(key) && !key.startsWith('_:')) {
      const items = copyItems(value, true);
      if (!items) return undefined;
      copy[key] = items;
    } else {
      return undefined;
    }
  }
  return copy;
}

function copyItems(value: unknown, listAllowed: boolean): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: unknown[] = [];
  for (const item of value) {
    const copy = copyItem(item, listAllowed);
    if (!copy) return undefined;
    items.push(copy);
  }
  return items;
}

function copyItem(item: unknown, listAllowed: boolean): JsonObject | undefined {
  if (!isPlainObject(item)) return undefined;
  if ('@value' in item) return copyValueObject(item);
  if ('@list' in item) {
    if (!listAllowed || Object.keys(item).length !== 1) return undefined;
    const items = copyItems(item['@list'], false);
    return items && { '@list': items };
  }
  return copyNode(item);
}

function copyValueObject(item: JsonObject): JsonObject | undefined {
  const value = item['@value'];
  const language = item['@language'];
  const type = item['@type'];
  let count = 1;
  const copy: JsonObject = {};
  if (language !== undefined) {
    if (typeof language !== 'string' || typeof value !== 'string') return undefined;
    if (language !== language.toLowerCase() || !BCP47.test(language)) return undefined;
    copy['@language'] = language;
    count++;
  }
  if (type !== undefined) {
    if (language !== undefined || !isAbsoluteIri(type) || type.startsWith('_:')) return undefined;
    copy['@type'] = type;
    count++;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return undefined;
  }
  if (Object.keys(item).length !== count) return undefined;
  copy['@value'] = value;
  return copy;
}

function isAbsoluteIri(value: unknown): value is string {
  return typeof value === 'string' && ABSOLUTE_IRI.test(value);
}

function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A deep copy of what jsonld.js returns (plain objects, arrays and scalars only). */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = cloneJson((value as JsonObject)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true });
    else copy[key] = item;
  }
  return copy;
}
