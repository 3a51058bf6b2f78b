/** Passwords, hashed with argon2id (@node-rs/argon2, OWASP's recommended parameters). */
import { hash, verify } from '@node-rs/argon2';

const options = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const passwordMinLength = 8;
export const passwordMaxLength = 72;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
