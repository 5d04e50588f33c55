// `npm run migrate [-- --config FILE]`: creates the database if needed and applies sql/ migrations.
import { configFileFromArgv, loadConfig } from '../config/load.js';
import { ensureDatabase } from './db.js';
import { migrate } from './migrate.js';

const cfg = loadConfig(configFileFromArgv(process.argv));
await ensureDatabase(cfg.mysql.url);
const applied = await migrate(cfg.mysql.url);
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema up to date\n');
