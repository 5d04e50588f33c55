// Copies the non-TypeScript files the server loads at run time into dist/:
// generated protobuf code. (tsc resolves the .d.ts beside each and emits nothing for it.)
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

mkdirSync('dist/src/proto', { recursive: true });
for (const f of readdirSync('src/proto')) {
  if (f.endsWith('.js')) cpSync(`src/proto/${f}`, `dist/src/proto/${f}`);
}
