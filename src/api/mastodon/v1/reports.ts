/**
 * POST /api/v1/reports: report an account (`account_id`), some of its posts (`status_ids[]`)
 * and the rules they break (`rule_ids[]`) to the moderators, answered with the Report.
 */
import { Hono } from 'hono';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import { createReport } from '../../../domain/reports/create-report.ts';
import { accountsJson } from '../accounts-json.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeReport } from '../serializers/report.ts';

const list = (value: unknown): string[] | undefined =>
  value === undefined || value === null || value === ''
    ? undefined
    : (Array.isArray(value) ? value : [value]).map(String);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export function reportsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().post(
    '/api/v1/reports',
    requireScopes('write', 'write:reports'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const params = await readParams(c);
      const target = (await findVisibleAccount(c.var.deps, String(params.account_id ?? '')))
        .account;
      const report = await createReport(c.var.deps, account, target, {
        statusIds: list(params.status_ids),
        ruleIds: list(params.rule_ids),
        comment: text(params.comment),
        category: text(params.category),
        forward: booleanParam(params.forward),
      });
      const [targetJson] = await accountsJson(c.var.deps, [target]);
      return c.json(serializeReport(report, targetJson!));
    },
  );
}
