/**
 * Time-sortable numeric string ids, Mastodon's snowflake scheme: the creation time in
 * milliseconds shifted left by 16 bits, and 16 low bits that make the id unique.
 *
 * The 16 low bits are a 6-bit worker number (handed out by the database at startup, so two
 * processes on one database do not share it) and a 10-bit sequence within the millisecond.
 * A worker that makes more than 1,024 ids in one millisecond borrows the next millisecond.
 *
 * @example const ids = new IdGenerator(workerId); ids.next() // '114412309823160320'
 */
export class IdGenerator {
  readonly #worker: bigint;
  #lastMs = 0;
  #sequence = 0;
  readonly #now: () => number;

  constructor(workerId: number, now: () => number = Date.now) {
    this.#worker = BigInt(workerId & 0x3f);
    this.#now = now;
  }

  /** A new id for something created now. */
  next(): string {
    let ms = this.#now();
    if (ms <= this.#lastMs) {
      ms = this.#lastMs;
      this.#sequence += 1;
      if (this.#sequence > 0x3ff) {
        ms += 1;
        this.#sequence = 0;
      }
    } else {
      this.#sequence = 0;
    }
    this.#lastMs = ms;
    return ((BigInt(ms) << 16n) | (this.#worker << 10n) | BigInt(this.#sequence)).toString();
  }
}

/** The smallest id that could have been made at `ms`: for `max_id`/`min_id` cut-offs by time. */
export function idAtTime(ms: number): string {
  return (BigInt(ms) << 16n).toString();
}

/** When an id was made, in milliseconds since the epoch. */
export function timeOfId(id: string): number {
  return Number(BigInt(id) >> 16n);
}

/** True when `value` is a well-formed id (a positive decimal integer that fits 63 bits). */
export function isId(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value) && BigInt(value) < 2n ** 63n;
}
