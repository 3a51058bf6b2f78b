/**
 * Passwords, hashed with argon2id (@node-rs/argon2, OWASP's recommended parameters). The native
 * module is loaded by the first sign-up or sign-in, not by every start.
 */
const argon2 = () => import('@node-rs/argon2');

const recommended = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

let options: Omit<typeof recommended, 'memoryCost' | 'timeCost'> & {
  memoryCost: number;
  timeCost: number;
} = recommended;

/**
 * Lowers the cost of new hashes for the whole process (argon2id still; a hash records its
 * parameters, so it verifies either way). Only the test suite calls it: it hashes thousands of
 * passwords, at about 20 ms of CPU and 19 MiB each with the recommended parameters.
 */
export function usePasswordHashCost(cost: { memoryCost: number; timeCost: number }): void {
  options = { ...recommended, ...cost };
}

export const passwordMinLength = 8;
export const passwordMaxLength = 72;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, options);
}

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}
