// Builds the web chat page into dist/web (served by the server at /, see
// src/http/web-static.ts): index.html as is, web/app.ts bundled with the SDK
// and protobufjs into assets/app.js, web/style.css into assets/style.css.
// Everything the page loads comes from the server itself: no CDN.
//   node scripts/build-web.mjs [outdir]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist/web');

// Build next to the target, then swap, so a running server never serves half a build.
const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'assets'), { recursive: true });
await build({
  entryPoints: [join(root, 'web/app.ts')],
  outfile: join(tmp, 'assets/app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome109', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'eof', // license notices of the bundled packages
  logLevel: 'warning',
});
await build({
  entryPoints: [join(root, 'web/style.css')],
  outfile: join(tmp, 'assets/style.css'),
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
copyFileSync(join(root, 'web/index.html'), join(tmp, 'index.html'));
mkdirSync(dirname(out), { recursive: true });
// Two builds at once (test files run in parallel) must not fail: move the old
// page aside, put the new one in its place, and if another build got there
// in between, move that one aside too.
const old = `${out}.old-${process.pid}`;
for (let attempt = 0; ; attempt++) {
  try {
    renameSync(out, `${old}-${attempt}`);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  try {
    renameSync(tmp, out);
    break;
  } catch (err) {
    if (attempt >= 5 || (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST')) throw err;
  }
}
for (let attempt = 0; attempt <= 5; attempt++) rmSync(`${old}-${attempt}`, { recursive: true, force: true });
console.log(`web page built into ${out}`);
