/**
 * Actor documents that use `publicKey` without declaring the security vocabulary (older
 * ActivityRelay and other servers send only the ActivityStreams context). To a JSON-LD
 * reader such a `publicKey` means nothing, so Fedify would drop it and refuse every
 * signature of that actor (401); Mastodon, which reads the JSON as it is, accepts them.
 * Woolly's document loaders add `https://w3id.org/security/v1` to such documents; Fedify
 * ships that context preloaded, so nothing is fetched from the network for it.
 */
import type { Federation } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';

const securityContext = 'https://w3id.org/security/v1';

/** Whether `context` already gives `publicKey` a meaning (a security context or a term). */
function definesPublicKey(context: unknown): boolean {
  const entries: unknown[] = Array.isArray(context) ? context : [context];
  return entries.some((entry) =>
    typeof entry === 'string'
      ? entry.startsWith('https://w3id.org/security/')
      : typeof entry === 'object' && entry !== null && 'publicKey' in entry,
  );
}

/** The document with the security context added when it uses `publicKey` without it. */
export function withSecurityContext(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return document;
  }
  const json = document as Record<string, unknown>;
  if (!('publicKey' in json) || !('@context' in json) || definesPublicKey(json['@context'])) {
    return document;
  }
  const context = json['@context'];
  const entries: unknown[] = Array.isArray(context) ? context : [context];
  return { ...json, '@context': [...entries, securityContext] };
}

/** `loader`, with legacy actor documents given the security context. */
export function legacyActorLoader(loader: DocumentLoader): DocumentLoader {
  return async (url, options) => {
    const remote = await loader(url, options);
    const document = withSecurityContext(remote.document);
    return document === remote.document ? remote : { ...remote, document };
  };
}

/** The loader factories Fedify's Federation keeps (built from its options). */
interface LoaderFactories {
  documentLoaderFactory: (options?: unknown) => DocumentLoader;
  contextLoaderFactory: (options?: unknown) => DocumentLoader;
  authenticatedDocumentLoaderFactory: (...args: never[]) => DocumentLoader;
}

const factoryNames = [
  'documentLoaderFactory',
  'contextLoaderFactory',
  'authenticatedDocumentLoaderFactory',
] as const;

/** How many loaders each memoized factory keeps (one per distinct options; Woolly has one). */
const loadersKept = 16;

/**
 * Wraps the object loaders `federation` made from its options (its own cached network
 * loaders with Woolly's User-Agent, or a test's), so that everything Fedify reads (the keys
 * of signatures above all) reads legacy actor documents. Contexts load as they are.
 *
 * The object and context loaders are also made once per distinct options instead of once per
 * use: Fedify asks its factories for both whenever it makes a context, for every queued
 * inbox message among others, and each of its own builds a `kvCache` whose URLPattern (from
 * urlpattern-polyfill) cost about 0.3 ms of CPU per inbound activity. Those loaders keep no
 * state between calls (what a call needs, its AbortSignal included, comes with the call).
 * The authenticated loader is left as it is: it is made from a key pair, which Fedify imports
 * anew for each outgoing message, and Woolly keeps its own (inbox-intake.ts, refresh.ts).
 *
 * Fedify offers no option for this; the names are checked so an upgrade that renames them
 * stops startup instead of quietly refusing these actors again.
 */
export function readLegacyActorDocuments<T>(federation: Federation<T>): void {
  const factories = federation as unknown as Partial<LoaderFactories>;
  for (const name of factoryNames) {
    if (typeof factories[name] !== 'function') {
      throw new Error(`Fedify's Federation has no ${name} to wrap (document-loader.ts)`);
    }
  }
  const { documentLoaderFactory, contextLoaderFactory, authenticatedDocumentLoaderFactory } =
    factories as LoaderFactories;
  factories.documentLoaderFactory = memoizedFactory((options) =>
    legacyActorLoader(documentLoaderFactory(options)),
  );
  factories.contextLoaderFactory = memoizedFactory(contextLoaderFactory);
  factories.authenticatedDocumentLoaderFactory = (...args: never[]) =>
    legacyActorLoader(authenticatedDocumentLoaderFactory(...args));
}

/**
 * `factory`, making one loader per distinct `options` (the `loadersKept` most recently used).
 * Options that are not plain data (a function, a signal, a class instance) are passed
 * through to a new loader each time: they cannot be compared by their JSON.
 */
export function memoizedFactory(
  factory: (options?: unknown) => DocumentLoader,
): (options?: unknown) => DocumentLoader {
  const made = new Map<string, DocumentLoader>();
  return (options) => {
    const key = plainDataKey(options);
    if (key === null) return factory(options);
    let loader = made.get(key);
    if (loader) {
      // Most recently used last.
      made.delete(key);
    } else {
      loader = factory(options);
      if (made.size >= loadersKept) made.delete(made.keys().next().value!);
    }
    made.set(key, loader);
    return loader;
  };
}

/**
 * The JSON of `value` if it is plain data (which its JSON then fully describes), else null.
 * An `undefined` property counts as absent, as Fedify reads it (`options?.userAgent ?? ...`).
 */
function plainDataKey(value: unknown): string | null {
  return isPlainData(value ?? null, 0) ? JSON.stringify(value ?? null) : null;
}

/** Whether `value` is JSON's kind of data: no class instance (a signal), function or cycle. */
function isPlainData(value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      const proto: unknown = Object.getPrototypeOf(value);
      if (
        depth > 4 ||
        (proto !== Object.prototype && proto !== Array.prototype && proto !== null)
      ) {
        return false;
      }
      for (const key in value) {
        if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
