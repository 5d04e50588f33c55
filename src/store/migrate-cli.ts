// `npm run migrate [-- --config FILE]`: creates the database if needed and
// applies the migrations of the engine the configuration selects (sql/ for
// MySQL/MariaDB, sql/sqlite/ for the embedded engine).
import { prepareStorage } from '../app/storage.js';
import { configFileFromArgv, loadConfig } from '../config/load.js';
import { createLogger } from '../log.js';

const cfg = loadConfig(configFileFromArgv(process.argv));
const log = createLogger('info');
log.info({ engine: cfg.engine, why: cfg.engine_reason }, 'migrating');
await prepareStorage(cfg, log);
log.info('schema up to date');
