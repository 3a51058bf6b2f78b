/**
 * Command-line options for the `woolly` subcommands, with node:util's parseArgs in strict
 * mode: an unknown option or a missing value is a UsageError naming it, not a stack trace.
 *
 * @example const { values, positionals } = parseOptions(args, { email: 'string', confirmed: 'boolean' });
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command.ts';

type Kinds = Record<string, 'string' | 'boolean'>;
type Values<K extends Kinds> = {
  [N in keyof K]?: K[N] extends 'string' ? string : boolean;
};

/** Option names are written with dashes (`--reset-password`) and read with them as keys. */
export function parseOptions<K extends Kinds>(
  args: string[],
  kinds: K,
): { values: Values<K>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(kinds).map(([name, type]) => [name, { type }]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: true,
    });
    return { values: values as Values<K>, positionals };
  } catch (error) {
    const e = error as { code?: string; message: string };
    const option = e.message.match(/'(-{1,2}[^' ]+)/)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`unknown option ${option}`);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(
        kinds[option?.replace(/^-+/, '') ?? ''] === 'boolean'
          ? `${option} takes no value`
          : `${option} needs a value`,
      );
    }
    throw new UsageError(e.message);
  }
}

/** Exactly `count` positional arguments, named in the message when one is missing. */
export function expectPositionals(positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' and ')}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}`);
  }
  return positionals;
}
