/**
 * A text parameter as Rails' `params.permit` lets it through: a string, or a number or boolean
 * written as a string. Hashes and arrays where text is expected are dropped (undefined), as
 * `permit` drops them; JSON `null` is kept as null.
 *
 * @example railsText(42) // '42'; railsText({ a: 1 }) // undefined
 */
export function railsText(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
