// `npm run migrate [-- --config FILE]`: creates the database if needed and
// applies the migrations of the engine the configuration selects (sql/ for
// MySQL/MariaDB, sql/sqlite/ for the embedded engine). It signs no tokens,
// so jwt.secret is not required (a cluster's nodes refuse to start without
// one, but migrating its database first needs none).
import { prepareStorage } from '../app/storage.js';
import { configFileFromArgv, loadConfig } from '../config/load.js';
import { orExit } from '../config/or-exit.js';
import { createLogger } from '../log.js';

const cfg = orExit(() => loadConfig(configFileFromArgv(process.argv), process.env, {}, { signsTokens: false }));
const log = createLogger('info');
log.info({ engine: cfg.engine, why: cfg.engine_reason }, 'migrating');
await prepareStorage(cfg, log);
log.info('schema up to date');
