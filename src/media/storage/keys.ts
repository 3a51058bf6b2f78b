/**
 * Storage keys are relative paths of lowercase letters, digits, `_`, `-`, `.` and `/`; no
 * empty segment, no `..`. Both drivers check them, so a key can never leave its root
 * directory or bucket prefix, whoever built it.
 */
const keyPattern = /^[a-z0-9_-]+(\/[a-z0-9_-]+(\.[a-z0-9]+)?)*$/;

export function checkKey(key: string): string {
  if (!keyPattern.test(key)) throw new Error(`invalid media storage key: ${JSON.stringify(key)}`);
  return key;
}
