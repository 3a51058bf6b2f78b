/**
 * A parameter read as Rails reads booleans (ActiveModel::Type::Boolean, Mastodon's
 * `truthy_param?`): absent or empty is "not given"; `false`, `0`, `f`, `off` in any of
 * Rails' spellings are false; anything else is true.
 *
 * @example booleanParam('0') // false; booleanParam('yes') // true; booleanParam(undefined) // undefined
 */
const falseValues = new Set(['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);

export function booleanParam(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return !falseValues.has(value);
  return true;
}
