/**
 * parse5, the WHATWG HTML parser, required by the first HTML parsed (a remote post's plain
 * text, a link's preview card) rather than by every start. Synchronous, so its callers stay so.
 *
 * @example const { parse } = htmlParser();
 */
import { createRequire } from 'node:module';
import type * as Parse5 from 'parse5';

const require = createRequire(import.meta.url);
let parser: typeof Parse5 | null = null;

export function htmlParser(): typeof Parse5 {
  parser ??= require('parse5') as typeof Parse5;
  return parser;
}
