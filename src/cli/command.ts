/** What every `woolly` subcommand is: a name, a one-line summary, usage and a run function. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run(args: string[]): Promise<number>;
}

/** A bad invocation: printed as `woolly: <message>` with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on: printed as `woolly: <message>`, exit code 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
