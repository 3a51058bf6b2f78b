/**
 * A received document without the `id` (or `@id`) members whose value is null, at any depth.
 * Servers that write plain JSON send them (BookWyrm gives a review's book cover
 * `"id": null`) and Mastodon, reading plain JSON, ignores them; a JSON-LD reader (Fedify's)
 * refuses the whole document instead, so an activity carrying one could never be processed.
 * Changes `document` in place and returns it.
 *
 * @example withoutNullIds({ id: 'https://a.example/1', attachment: [{ id: null }] })
 * // { id: 'https://a.example/1', attachment: [{}] }
 */
export function withoutNullIds<T>(document: T): T {
  if (Array.isArray(document)) {
    for (const item of document) withoutNullIds(item);
  } else if (typeof document === 'object' && document !== null) {
    const members = document as Record<string, unknown>;
    for (const [key, value] of Object.entries(members)) {
      if ((key === 'id' || key === '@id') && value === null) delete members[key];
      else withoutNullIds(value);
    }
  }
  return document;
}
