/**
 * What the instance says about itself (`GET /api/v1/instance`, `/api/v2/instance`): its
 * settings, real counts from the database, its contact account and its rules.
 */
import { findAccountByUsername } from '../../db/repositories/accounts.ts';
import { listRules, type RuleRecord } from '../../db/repositories/rules.ts';
import {
  activeUserCount,
  instanceStats,
  type InstanceStats,
} from '../../db/views/instance-stats.ts';
import { loadAccountView, type AccountView } from '../accounts/account-views.ts';
import type { Deps } from '../context.ts';
import { registrationsOpen } from '../accounts/register.ts';
import { getSettings, type InstanceSettings } from './settings.ts';

/** Mastodon counts monthly active users over four weeks. */
const activeWindowMs = 28 * 24 * 60 * 60 * 1000;

export interface InstanceDescription {
  settings: InstanceSettings;
  stats: InstanceStats;
  activeMonth: number;
  registrationsOpen: boolean;
  /** The account people can write to about the server, if the admin named one. */
  contact: AccountView | null;
  rules: RuleRecord[];
}

async function contactAccount(
  deps: Pick<Deps, 'db' | 'config'>,
  name: string,
): Promise<AccountView | null> {
  const [username = '', domain = null] = name.trim().replace(/^@/, '').split('@', 2);
  if (username === '') return null;
  const local =
    domain === null ||
    [deps.config.localDomain, deps.config.webDomain].includes(domain.toLowerCase());
  const account = await findAccountByUsername(deps.db, username, local ? null : domain);
  return account ? loadAccountView(deps, account) : null;
}

export async function describeInstance(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
): Promise<InstanceDescription> {
  const settings = await getSettings(deps);
  const [stats, activeMonth, contact, rules] = await Promise.all([
    instanceStats(deps.db),
    activeUserCount(deps.db, deps.clock.now() - activeWindowMs),
    contactAccount(deps, settings.site_contact_username),
    listRules(deps.db),
  ]);
  return {
    settings,
    stats,
    activeMonth,
    registrationsOpen: registrationsOpen(settings, deps.config),
    contact,
    rules,
  };
}
