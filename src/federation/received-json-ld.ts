/**
 * Repairs to an activity received as JSON, before it is queued and read as JSON-LD, for what
 * servers that write plain JSON send and Mastodon (reading plain JSON) takes:
 *
 * - an `id` (or `@id`) of null is dropped: BookWyrm gives a review's book cover
 *   `"id": null`, and a JSON-LD reader (Fedify's) refuses the whole document for it;
 * - an embedded object with an `@context` of its own gets the contexts around it first:
 *   JSON-LD applies a nested context on top of the enclosing ones, but Fedify reads an
 *   embedded object again on its own, with only its own context, so terms defined outside
 *   it are lost (Funkwhale's Audio in a Create names Hashtag only in the Create's context).
 *
 * Changes `document` in place and returns it.
 *
 * @example repairReceivedJsonLd({ '@context': [as, { Hashtag: 'as:Hashtag' }], object: { '@context': as, tag: [...] } })
 * // the object's context becomes [as, { Hashtag: 'as:Hashtag' }, as]
 */
export function repairReceivedJsonLd<T>(document: T): T {
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const root = document as Record<string, unknown>;
    repair(root, contextsOf(root['@context']), true);
  }
  return document;
}

function contextsOf(context: unknown): unknown[] {
  if (context === undefined || context === null) return [];
  return Array.isArray(context) ? context : [context];
}

function repair(value: unknown, around: unknown[], isRoot = false): void {
  if (Array.isArray(value)) {
    for (const item of value) repair(item, around);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Record<string, unknown>;
  let active = around;
  if (!isRoot && node['@context'] !== undefined && node['@context'] !== null) {
    active = [...around, ...contextsOf(node['@context'])];
    node['@context'] = active;
  }
  for (const [key, member] of Object.entries(node)) {
    if (key === '@context') continue;
    if ((key === 'id' || key === '@id') && member === null) delete node[key];
    else repair(member, active);
  }
}
