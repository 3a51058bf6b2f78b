/**
 * Importing a blocklist: Mastodon's CSV export (`#domain,#severity,#reject_media,
 * #reject_reports,#public_comment,#obfuscate`, any subset of those columns, `#` optional) or
 * a bare list of domains, one a line, which are suspended. Every new block is written in one
 * transaction; domains a block already covers are skipped, and bad lines are reported by
 * number without stopping the rest.
 */
import { AppError } from '../../core/errors.ts';
import {
  insertInstanceDomainBlock,
  type InstanceDomainBlockRecord,
} from '../../db/repositories/instance-domain-blocks.ts';
import type { Deps } from '../context.ts';
import { markAccounts } from './accounts-on-domain.ts';
import { afterChange } from './block-domain.ts';
import { parseCsv } from './csv.ts';
import { applyDomainBlockInput, defaultDomainBlock } from './domain-block-input.ts';
import { coveringDomains, normalizeInstanceDomain } from './domain-name.ts';
import { domainBlockRule, forgetDomainBlockRules } from './rules.ts';

export interface BlocklistImport {
  created: InstanceDomainBlockRecord[];
  /** Domains already covered by a block (or named twice in the file). */
  skipped: string[];
  /** Lines that could not be read, with why. */
  invalid: { line: number; reason: string }[];
}

const columns = [
  'domain',
  'severity',
  'reject_media',
  'reject_reports',
  'public_comment',
  'obfuscate',
];

const truthy = (value: string | undefined) =>
  value === undefined ? undefined : /^(true|1|yes)$/i.test(value.trim());

export async function importBlocklist(deps: Deps, text: string): Promise<BlocklistImport> {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().replace(/^#/, '').toLowerCase());
  const hasHeader = header?.includes('domain') ?? false;
  const names = hasHeader ? header! : columns.slice(0, 1);
  const result: BlocklistImport = { created: [], skipped: [], invalid: [] };
  const now = deps.clock.now();
  const planned = new Set<string>();
  forgetDomainBlockRules(deps.db);
  for (const [index, row] of rows.entries()) {
    if (hasHeader && index === 0) continue;
    const cell = (name: string) => {
      const at = names.indexOf(name);
      return at >= 0 ? row[at] : undefined;
    };
    try {
      const domain = normalizeInstanceDomain(cell('domain'));
      const covered =
        coveringDomains(domain).some((d) => planned.has(d)) ||
        (await domainBlockRule(deps, domain)) !== null;
      if (covered) {
        result.skipped.push(domain);
        continue;
      }
      const settable = applyDomainBlockInput(defaultDomainBlock, {
        severity: cell('severity')?.trim() || (hasHeader ? undefined : 'suspend'),
        rejectMedia: truthy(cell('reject_media')),
        rejectReports: truthy(cell('reject_reports')),
        publicComment: cell('public_comment'),
        obfuscate: truthy(cell('obfuscate')),
      });
      planned.add(domain);
      result.created.push({
        id: deps.ids.next(),
        domain,
        ...settable,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.invalid.push({
        line: index + 1,
        reason: error.message.replace(/^Validation failed: /, ''),
      });
    }
  }
  await deps.db.transaction(async (tx) => {
    for (const block of result.created) {
      await insertInstanceDomainBlock(tx, block);
      await markAccounts(tx, block);
    }
  });
  for (const block of result.created) await afterChange(deps, block);
  return result;
}
