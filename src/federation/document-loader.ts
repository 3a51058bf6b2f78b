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
  documentLoaderFactory: (...args: never[]) => DocumentLoader;
  authenticatedDocumentLoaderFactory: (...args: never[]) => DocumentLoader;
}

const factoryNames = ['documentLoaderFactory', 'authenticatedDocumentLoaderFactory'] as const;

/**
 * Wraps the object loaders `federation` made from its options (its own cached network
 * loaders with Woolly's User-Agent, or a test's), so that everything Fedify reads (the keys
 * of signatures above all) reads legacy actor documents. Contexts load as they are.
 * Fedify offers no option for this; the names are checked so an upgrade that renames them
 * stops startup instead of quietly refusing these actors again.
 */
export function readLegacyActorDocuments<T>(federation: Federation<T>): void {
  const factories = federation as unknown as Partial<LoaderFactories>;
  for (const name of factoryNames) {
    const made = factories[name];
    if (typeof made !== 'function') {
      throw new Error(`Fedify's Federation has no ${name} to wrap (document-loader.ts)`);
    }
    factories[name] = (...args: never[]) => legacyActorLoader(made(...args));
  }
}
