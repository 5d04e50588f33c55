// Prints the hottest functions (self time) of .cpuprofile files:
//   npx tsx bench/profile-top.ts FILE… [--top 30]
import { readFileSync } from 'node:fs';
import { orUsage, parseCommandLine, UsageError } from './support/args.js';
import { topFunctions, type CpuProfile } from './support/profile-top.js';

const USAGE = 'usage: npx tsx bench/profile-top.ts FILE.cpuprofile… [--top 30]\n';
const args = parseCommandLine(process.argv.slice(2), { top: 'int' }, USAGE, { positionals: true });
const top = orUsage(() => {
  if (args.positional.length === 0) throw new UsageError('no .cpuprofile file given');
  return args.int('top', 30, 1);
}, USAGE);
for (const f of args.positional) {
  console.log(`== ${f}`);
  console.log(topFunctions(JSON.parse(readFileSync(f, 'utf8')) as CpuProfile, top));
}
