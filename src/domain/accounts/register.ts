/**
 * Sign-up through the API (Mastodon's `POST /api/v1/accounts`, AppSignUpService): an app
 * creates an account for someone and receives a token for it. The account, its user and the
 * token are written in one transaction; the new user is unconfirmed (a confirmation mail is
 * requested) and, when the instance approves sign-ups by hand, not yet approved.
 */
import { AppError, type FieldError } from '../../core/errors.ts';
import { findApplicationById } from '../../db/repositories/oauth-applications.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { getSettings, type InstanceSettings } from '../instance/settings.ts';
import { isAvailableLocale } from '../locales.ts';
import { issueAccessToken, type IssuedToken } from '../oauth/tokens.ts';
import { requestConfirmation } from './confirmation.ts';
import { createLocalAccount } from './create-local-account.ts';
import { addError, fieldError, type FieldErrors } from '../validation.ts';

/** Mastodon's InviteRequest::TEXT_SIZE_LIMIT. */
export const reasonMaxLength = 420;

export interface SignUp {
  /** The application whose token made the request; the new token gets all its scopes. */
  applicationId: string;
  username: string;
  email: string;
  password: string;
  /** Whether the person accepted the server's rules and terms (`agreement`). */
  agreement: boolean;
  locale: string | null;
  /** Why they want to join, for instances that approve sign-ups by hand. */
  reason: string | null;
  /** `YYYY-MM-DD`, required when the instance has a minimum age. */
  dateOfBirth: string | null;
  ip: string | null;
}

export interface SignedUp {
  account: AccountRecord;
  user: UserRecord;
  token: IssuedToken;
}

/** Whether anyone may sign up at all (Mastodon's `allowed_registration?`). */
export function registrationsOpen(
  settings: Pick<InstanceSettings, 'registrations_mode'>,
  config: Pick<Deps['config'], 'singleUserMode'>,
): boolean {
  return settings.registrations_mode !== 'none' && !config.singleUserMode;
}

/** A reason is required only where sign-ups wait for approval and the admin asks for one. */
export function reasonRequired(settings: InstanceSettings): boolean {
  return settings.registrations_mode === 'approved' && settings.require_invite_text;
}

/** A `YYYY-MM-DD` calendar date as UTC midnight, or null when it is not one. */
function parseDate(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCMonth() === month && date.getUTCDate() === day ? date.getTime() : null;
}

/** Mastodon's DateOfBirthValidator: present, a date, and at least `minAge` years ago. */
function ageProblem(dateOfBirth: string | null, minAge: number, now: number): FieldError | null {
  if (dateOfBirth === null || dateOfBirth.trim() === '') return fieldError.blank();
  const born = parseDate(dateOfBirth);
  if (born === null) return fieldError.invalid();
  const today = new Date(now);
  const limit = Date.UTC(today.getUTCFullYear() - minAge, today.getUTCMonth(), today.getUTCDate());
  return born > limit ? fieldError.belowLimit() : null;
}

/** The sign-up fields that are not the account's own, in the order Mastodon checks them. */
function signUpErrors(input: SignUp, settings: InstanceSettings, now: number): FieldErrors {
  const details: FieldErrors = {};
  if (!input.agreement) addError(details, 'agreement', fieldError.accepted());
  if (input.locale !== null && !isAvailableLocale(input.locale)) {
    addError(details, 'locale', fieldError.inclusion());
  }
  const reason = input.reason?.trim() ?? '';
  if (reason === '' && reasonRequired(settings)) addError(details, 'reason', fieldError.blank());
  if ([...reason].length > reasonMaxLength) {
    addError(details, 'reason', fieldError.tooLong(reasonMaxLength));
  }
  if (settings.min_age !== null) {
    const problem = ageProblem(input.dateOfBirth, settings.min_age, now);
    if (problem) addError(details, 'date_of_birth', problem);
  }
  return details;
}

/**
 * Creates the account and its token, or throws Mastodon's 403 (sign-ups closed) or 422 (with
 * every problem of every field). Then asks for the confirmation mail.
 *
 * @example const { token } = await registerAccount(deps, { applicationId, username: 'alice', ... });
 */
export async function registerAccount(deps: Deps, input: SignUp): Promise<SignedUp> {
  const settings = await getSettings(deps);
  if (!registrationsOpen(settings, deps.config)) {
    throw new AppError(403, 'This action is not allowed');
  }
  const application = await findApplicationById(deps.db, input.applicationId);
  if (!application) throw new AppError(401, 'The access token is invalid');
  const reason = input.reason?.trim() || null;
  let token: IssuedToken | undefined;
  const { account, user } = await createLocalAccount(
    deps,
    {
      username: input.username,
      email: input.email,
      password: input.password,
      approved: settings.registrations_mode !== 'approved',
      confirmed: false,
      locale: input.locale,
      reason,
      ip: input.ip,
    },
    {
      moreErrors: signUpErrors(input, settings, deps.clock.now()),
      alsoWrite: async (tx, created) => {
        token = await issueAccessToken(
          deps,
          {
            applicationId: application.id,
            accountId: created.account.id,
            scopes: application.scopes,
          },
          tx,
        );
      },
    },
  );
  if (!token) throw new Error('sign-up committed without issuing its token');
  await requestConfirmation(deps, user);
  return { account, user, token };
}
