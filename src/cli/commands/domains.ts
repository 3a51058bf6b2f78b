/**
 * `woolly domains block|unblock|list|import`: the instance's domain blocks from the command
 * line, through the same services as the admin API. `import` reads Mastodon's CSV export
 * (or a bare list of domains, which are suspended) in one go.
 */
import { readFile } from 'node:fs/promises';
import { blockDomain } from '../../domain/domain-blocks/block-domain.ts';
import { normalizeInstanceDomain } from '../../domain/domain-blocks/domain-name.ts';
import { importBlocklist } from '../../domain/domain-blocks/import-blocklist.ts';
import {
  domainBlocksPage,
  findDomainBlockByName,
} from '../../domain/domain-blocks/list-domain-blocks.ts';
import { unblockDomain } from '../../domain/domain-blocks/unblock-domain.ts';
import { firstPage } from '../../domain/pagination.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const usage = [
  'woolly domains block DOMAIN [--severity suspend|silence|noop] [--reject-media]',
  '                       [--reject-reports] [--public-comment TEXT] [--private-comment TEXT] [--obfuscate]',
  '       woolly domains unblock DOMAIN',
  '       woolly domains list',
  '       woolly domains import FILE.csv',
].join('\n');

async function block(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    severity: 'string',
    'reject-media': 'boolean',
    'reject-reports': 'boolean',
    'public-comment': 'string',
    'private-comment': 'string',
    obfuscate: 'boolean',
  });
  const [domain] = expectPositionals(positionals, ['DOMAIN']);
  return withWoolly(async ({ deps }) => {
    const made = await blockDomain(deps, domain!, {
      severity: values.severity ?? 'suspend',
      rejectMedia: values['reject-media'],
      rejectReports: values['reject-reports'],
      publicComment: values['public-comment'],
      privateComment: values['private-comment'],
      obfuscate: values.obfuscate,
    });
    console.log(`OK: ${made.domain} ${made.severity}`);
    return 0;
  });
}

async function unblock(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [domain] = expectPositionals(positionals, ['DOMAIN']);
  return withWoolly(async ({ deps }) => {
    const name = normalizeInstanceDomain(domain);
    const found = await findDomainBlockByName(deps, name);
    if (!found) throw new CommandError(`no domain block for ${name}`);
    await unblockDomain(deps, found.id);
    console.log(`OK: ${name} unblocked`);
    return 0;
  });
}

async function list(args: string[]): Promise<number> {
  expectPositionals(parseOptions(args, {}).positionals, []);
  return withWoolly(async ({ deps }) => {
    const blocks = await domainBlocksPage(deps, firstPage(1_000_000));
    for (const b of blocks) {
      const flags = [
        b.rejectMedia ? 'reject_media' : null,
        b.rejectReports ? 'reject_reports' : null,
        b.obfuscate ? 'obfuscate' : null,
      ].filter((f) => f !== null);
      console.log([b.domain, b.severity, flags.join(',') || '-', b.publicComment ?? ''].join('\t'));
    }
    return 0;
  });
}

async function importFile(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [file] = expectPositionals(positionals, ['FILE']);
  const text = await readFile(file!, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CommandError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  return withWoolly(async ({ deps }) => {
    const result = await importBlocklist(deps, text);
    for (const bad of result.invalid) console.error(`line ${bad.line}: ${bad.reason}`);
    console.log(
      `OK: ${result.created.length} blocked, ${result.skipped.length} already blocked, ${result.invalid.length} invalid`,
    );
    return result.invalid.length > 0 ? 1 : 0;
  });
}

export const domains: Command = {
  name: 'domains',
  summary: 'Block, unblock, list and import instance domain blocks',
  usage,
  async run(args) {
    const [action, ...rest] = args;
    if (action === 'block') return block(rest);
    if (action === 'unblock') return unblock(rest);
    if (action === 'list') return list(rest);
    if (action === 'import') return importFile(rest);
    throw new UsageError(
      action === undefined
        ? 'missing action: block, unblock, list or import'
        : `unknown action ${JSON.stringify(action)}`,
    );
  },
};
