import { migrate, migrationStatus } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import { UsageError, type Command } from '../command.ts';
import { cliConfig } from '../context.ts';

export const db: Command = {
  name: 'db',
  summary: 'Apply pending migrations (migrate) or list them (status)',
  usage: 'woolly db migrate | woolly db status',
  async run(args) {
    const [action] = args;
    if (action !== 'migrate' && action !== 'status')
      throw new UsageError(`unknown db action ${JSON.stringify(action ?? '')}`);
    const config = cliConfig();
    const database = openDatabase(config);
    try {
      if (action === 'migrate') {
        const applied = await migrate(database);
        if (applied.length === 0) console.log('The database is up to date.');
        for (const m of applied) console.log(`Applied ${m.version} ${m.name}`);
      } else {
        for (const m of await migrationStatus(database)) {
          const when =
            m.appliedAt === null ? 'pending' : `applied ${new Date(m.appliedAt).toISOString()}`;
          console.log(`${m.version}  ${m.name.padEnd(32)} ${when}`);
        }
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};
