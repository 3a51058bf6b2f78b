/**
 * The parts of an upload the author may set and change: the description (alt text), the
 * focal point and a custom thumbnail. Checked as Mastodon checks them.
 */
import { AppError } from '../../core/errors.ts';
import { descriptionLimit } from './limits.ts';

export function checkDescription(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  if ([...description].length > descriptionLimit) {
    throw new AppError(
      422,
      `Validation failed: Description is too long (maximum is ${descriptionLimit} characters)`,
    );
  }
  return description;
}

/**
 * Mastodon's `focus=x,y`: two numbers from -1 to 1; anything else is ignored, as Mastodon's
 * MediaAttachment#focus= ignores what it cannot split into two numbers.
 */
export function parseFocus(focus: string | undefined): { x: number; y: number } | undefined {
  if (focus === undefined) return undefined;
  const parts = focus.split(',').map((p) => Number.parseFloat(p));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const clamp = (n: number) => Math.min(1, Math.max(-1, n));
  return { x: clamp(parts[0]!), y: clamp(parts[1]!) };
}
