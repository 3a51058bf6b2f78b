/**
 * Instance settings an admin changes at run time (the admin UI and `woolly settings`), with
 * their defaults. Stored in the `settings` table.
 */
import { readSettings, writeSetting } from '../../db/repositories/settings.ts';
import { AppError } from '../../core/errors.ts';
import type { Deps } from '../context.ts';

export const registrationModes = ['open', 'approved', 'none'] as const;
export type RegistrationMode = (typeof registrationModes)[number];

export const audiences = ['disabled', 'users', 'all'] as const;
export type Audience = (typeof audiences)[number];

export interface InstanceSettings {
  site_title: string;
  site_short_description: string;
  site_extended_description: string;
  site_contact_email: string;
  site_contact_username: string;
  registrations_mode: RegistrationMode;
  require_invite_text: boolean;
  closed_registrations_message: string;
  default_locale: string;
  max_status_characters: number;
  /** Sign-up asks for a date of birth and refuses people younger than this; null: no limit. */
  min_age: number | null;
  /** Who may read the instance's domain blocks (GET /api/v1/instance/domain_blocks). */
  show_domain_blocks: Audience;
  /** Who sees the public comments of those blocks. */
  show_domain_blocks_rationale: Audience;
}

export const defaultSettings: InstanceSettings = {
  site_title: 'Woolly',
  site_short_description: '',
  site_extended_description: '',
  site_contact_email: '',
  site_contact_username: '',
  registrations_mode: 'open',
  require_invite_text: false,
  closed_registrations_message: '',
  default_locale: 'en',
  max_status_characters: 500,
  min_age: null,
  show_domain_blocks: 'disabled',
  show_domain_blocks_rationale: 'disabled',
};

export async function getSettings(deps: Pick<Deps, 'db'>): Promise<InstanceSettings> {
  const stored = await readSettings(deps.db);
  return { ...defaultSettings, ...(stored as Partial<InstanceSettings>) };
}

export async function updateSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  changes: Partial<InstanceSettings>,
): Promise<InstanceSettings> {
  if (changes.registrations_mode && !registrationModes.includes(changes.registrations_mode)) {
    throw new AppError(422, `Registrations mode must be one of ${registrationModes.join(', ')}`);
  }
  if (
    changes.min_age !== undefined &&
    changes.min_age !== null &&
    !(Number.isInteger(changes.min_age) && changes.min_age > 0)
  ) {
    throw new AppError(422, 'Minimum age must be a whole number of years, or none');
  }
  for (const key of ['show_domain_blocks', 'show_domain_blocks_rationale'] as const) {
    const value = changes[key];
    if (value !== undefined && !audiences.includes(value)) {
      throw new AppError(422, `${key} must be one of ${audiences.join(', ')}`);
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(changes)) {
      if (!(key in defaultSettings)) throw new AppError(422, `Unknown setting ${key}`);
      await writeSetting(tx, key, value, now);
    }
  });
  return getSettings(deps);
}
