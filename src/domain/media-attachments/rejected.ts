/** Turns a MediaRejected from the processor into Mastodon's 422 carrying its message. */
import { AppError } from '../../core/errors.ts';
import { MediaRejected } from './ports.ts';

export async function rejectedAs422<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MediaRejected) throw new AppError(422, error.message, { cause: error });
    throw error;
  }
}
