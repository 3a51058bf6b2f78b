/**
 * `woolly emoji import|export|purge`, as tootctl's emoji commands. `import` takes a
 * `.tar.gz` (or `.tar`) emoji pack or a directory: each `name.png|gif|webp` becomes the
 * local emoji `:name:` (256 KiB at most; an existing shortcode is kept unless --overwrite).
 * `export` writes the local emojis to a `.tar.gz` that `import` reads back. `purge` removes
 * every custom emoji, or with --remote-only the copies of other servers' ones.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { listLocalEmojisWithFiles } from '../../db/repositories/custom-emoji-files.ts';
import type { Deps } from '../../domain/context.ts';
import { emojiSizeLimit, importCustomEmoji } from '../../domain/custom-emojis/import.ts';
import { purgeCustomEmojis } from '../../domain/custom-emojis/purge.ts';
import { MediaRejected } from '../../domain/media-attachments/ports.ts';
import { readTar, writeTarGz, type TarEntry, type TarRefusal } from '../../media/archive/tar.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const imageExtensions = new Set(['.png', '.gif', '.webp']);

const refusals: Record<TarRefusal, string> = {
  'too-large': `larger than ${emojiSizeLimit / 1024} KiB`,
  'unsafe-name': 'refused: its name leads outside the archive',
  link: 'refused: a link, not a file',
};

const notAnArchive = (path: string, error: unknown) =>
  new CommandError(`${path} is not a tar or tar.gz archive (${(error as Error).message})`);

/** Reads the whole archive once without keeping it, so that a broken one imports nothing. */
async function checkArchive(path: string): Promise<void> {
  try {
    for await (const entry of readTar(createReadStream(path), 0)) void entry;
  } catch (error) {
    throw notAnArchive(path, error);
  }
}

/** The files of a pack (archive or directory), one at a time. */
async function* packFiles(path: string, isDirectory: boolean): AsyncGenerator<TarEntry> {
  if (!isDirectory) {
    try {
      yield* readTar(createReadStream(path), emojiSizeLimit);
    } catch (error) {
      throw notAnArchive(path, error);
    }
    return;
  }
  for (const name of (await readdir(path)).sort()) {
    const info = await stat(join(path, name));
    if (!info.isFile()) continue;
    yield info.size > emojiSizeLimit
      ? { name, body: Buffer.alloc(0), refused: 'too-large' }
      : { name, body: await readFile(join(path, name)) };
  }
}

/** The local emojis that have files of Woolly's, as `shortcode.ext` entries. */
async function* localEmojiFiles(deps: Deps): AsyncGenerator<TarEntry> {
  for (let after = ''; ;) {
    const page = await listLocalEmojisWithFiles(deps.db, after, 200);
    for (const { emoji: e, imageKey } of page) {
      const file = imageKey ? await deps.media.storage.get(imageKey) : null;
      if (!file || !imageKey) continue; // added by URL, without files of Woolly's
      yield { name: `${e.shortcode}${extname(imageKey)}`, body: file.body };
    }
    if (page.length < 200) return;
    after = page.at(-1)!.emoji.shortcode;
  }
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
    let isDirectory = false;
    if (action === 'import') {
      try {
        isDirectory = (await stat(target)).isDirectory();
      } catch {
        throw new CommandError(`cannot read ${target}`);
      }
      if (!isDirectory) await checkArchive(target);
    }
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
        let count: number;
        try {
          count = await writeTarGz(
            createWriteStream(target),
            localEmojiFiles(deps),
            new Date(deps.clock.now()),
          );
        } catch (error) {
          await rm(target, { force: true }); // not half an archive
          throw new CommandError(`cannot write ${target} (${(error as Error).message})`);
        }
        console.log(`Exported ${count} custom emojis to ${target}`);
        return 0;
      }
      const tally = { added: 0, replaced: 0, skipped: 0, failed: 0 };
      for await (const entry of packFiles(target, isDirectory)) {
        const name = basename(entry.name);
        const ext = extname(name).toLowerCase();
        if (name.startsWith('.') || !imageExtensions.has(ext)) continue;
        const shortcode = name.slice(0, -ext.length);
        try {
          if (entry.refused) throw new MediaRejected(refusals[entry.refused]);
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
          process.stderr.write(`${entry.name}: ${error.message}\n`);
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
