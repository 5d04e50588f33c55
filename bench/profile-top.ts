// Prints the hottest functions (self time) of .cpuprofile files:
//   npx tsx bench/profile-top.ts FILE… [--top 30]
import { readFileSync } from 'node:fs';
import { topFunctions, type CpuProfile } from './support/profile-top.js';

const args = process.argv.slice(2);
const t = args.indexOf('--top');
const top = t >= 0 ? Number(args.splice(t, 2)[1]) : 30;
if (args.length === 0 || !Number.isInteger(top) || top <= 0) {
  console.error('usage: npx tsx bench/profile-top.ts FILE.cpuprofile… [--top 30]');
  process.exit(2);
}
for (const f of args) {
  console.log(`== ${f}`);
  console.log(topFunctions(JSON.parse(readFileSync(f, 'utf8')) as CpuProfile, top));
}
