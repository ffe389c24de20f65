import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { migrate } from '../../db/migrate.js';
import { openDb } from '../../db/open.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, else the embedded database)')
    .option('--data-dir <dir>', 'embedded database location (default $CASARE_DATA_DIR or ./.casare)')
    .action(async (o: { dataDir?: string }) => {
      const config = loadConfig(process.env, {
        dataDir: o.dataDir ? (await import('node:path')).resolve(o.dataDir) : undefined,
      });
      const db = await openDb(config);
      try {
        const applied = await migrate(db);
        process.stdout.write(
          applied.length === 0 ? 'database is up to date\n' : `applied: ${applied.join(', ')}\n`,
        );
      } finally {
        await db.close();
      }
    });
}
