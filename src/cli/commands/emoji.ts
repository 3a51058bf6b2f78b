/**
 * `woolly emoji import|export|purge`, as tootctl's emoji commands. `import` takes a
 * `.tar.gz` (or `.tar`) emoji pack or a directory: each `name.png|gif|webp` becomes the
 * local emoji `:name:` (256 KiB at most; an existing shortcode is kept unless --overwrite).
 * `export` writes the local emojis to a `.tar.gz` that `import` reads back. `purge` removes
 * every custom emoji, or with --remote-only the copies of other servers' ones.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { listLocalEmojisWithFiles } from '../../db/repositories/custom-emoji-files.ts';
import { emojiSizeLimit, importCustomEmoji } from '../../domain/custom-emojis/import.ts';
import { purgeCustomEmojis } from '../../domain/custom-emojis/purge.ts';
import { MediaRejected } from '../../domain/media-attachments/ports.ts';
import { readTar, writeTarGz, type TarEntry } from '../../media/archive/tar.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const imageExtensions = new Set(['.png', '.gif', '.webp']);

async function readPack(path: string): Promise<TarEntry[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CommandError(`cannot read ${path}`);
  }
  if (!info.isDirectory()) {
    try {
      return readTar(await readFile(path), emojiSizeLimit);
    } catch (error) {
      throw new CommandError(
        `${path} is not a tar or tar.gz archive (${(error as Error).message})`,
      );
    }
  }
  const entries: TarEntry[] = [];
  for (const name of (await readdir(path)).sort()) {
    const file = join(path, name);
    if (!(await stat(file)).isFile()) continue;
    const size = (await stat(file)).size;
    entries.push(
      size > emojiSizeLimit
        ? { name, body: Buffer.alloc(0), tooLarge: true }
        : { name, body: await readFile(file) },
    );
  }
  return entries;
}

export const emoji: Command = {
  name: 'emoji',
  summary: 'Custom emojis: import a pack, export them, purge them',
  usage: [
    'woolly emoji import <archive.tar.gz|directory> [--category C] [--overwrite]',
    'woolly emoji export <file.tar.gz>',
    'woolly emoji purge [--remote-only]',
  ].join('\n       '),
  async run(args) {
    const { values, positionals } = parseOptions(args, {
      category: 'string',
      overwrite: 'boolean',
      'remote-only': 'boolean',
    });
    const [action] = positionals;
    if (action === 'import' || action === 'export') {
      expectPositionals(positionals, [action, action === 'import' ? 'archive' : 'file']);
    } else if (action === 'purge') {
      expectPositionals(positionals, ['purge']);
    } else {
      throw new UsageError(
        action === undefined
          ? 'missing import|export|purge'
          : `unknown action ${JSON.stringify(action)}`,
      );
    }
    const target = positionals[1]!;
    const entries = action === 'import' ? await readPack(target) : [];
    return withWoolly(async ({ deps }) => {
      if (action === 'purge') {
        const removed = await purgeCustomEmojis(deps, {
          remoteOnly: values['remote-only'] === true,
          onProgress: (n) => process.stderr.write(`... ${n} removed\n`),
        });
        console.log(`Removed ${removed} custom emojis`);
        return 0;
      }
      if (action === 'export') {
        const files: TarEntry[] = [];
        for (let after = ''; ;) {
          const page = await listLocalEmojisWithFiles(deps.db, after, 200);
          for (const { emoji: e, imageKey } of page) {
            const file = imageKey ? await deps.media.storage.get(imageKey) : null;
            if (!file || !imageKey) continue; // added by URL, without files of Woolly's
            files.push({ name: `${e.shortcode}${extname(imageKey)}`, body: file.body });
          }
          if (page.length < 200) break;
          after = page.at(-1)!.emoji.shortcode;
        }
        await writeFile(target, writeTarGz(files, deps.clock.now()));
        console.log(`Exported ${files.length} custom emojis to ${target}`);
        return 0;
      }
      const tally = { added: 0, replaced: 0, skipped: 0, failed: 0 };
      for (const entry of entries) {
        const name = basename(entry.name);
        const ext = extname(name).toLowerCase();
        if (name.startsWith('.') || !imageExtensions.has(ext)) continue;
        const shortcode = name.slice(0, -ext.length);
        try {
          if (entry.tooLarge) throw new MediaRejected(`larger than ${emojiSizeLimit / 1024} KiB`);
          const outcome = await importCustomEmoji(deps, {
            shortcode,
            bytes: entry.body,
            category: values.category ?? null,
            overwrite: values.overwrite === true,
          });
          tally[outcome] += 1;
        } catch (error) {
          if (!(error instanceof MediaRejected)) throw error;
          tally.failed += 1;
          process.stderr.write(`${name}: ${error.message}\n`);
        }
        const done = tally.added + tally.replaced + tally.skipped + tally.failed;
        if (done % 50 === 0) process.stderr.write(`... ${done} files\n`);
      }
      console.log(
        `Imported ${tally.added}, replaced ${tally.replaced}, skipped ${tally.skipped} existing, failed ${tally.failed}`,
      );
      return tally.failed > 0 && tally.added + tally.replaced === 0 ? 1 : 0;
    });
  },
};
