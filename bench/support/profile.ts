// --profile DIR: a CPU profile of every GoChat worker (the admin port's
// /debug/cpu-profile?worker=all) taken during the measured part of a run,
// saved as DIR/<label>-worker<N>.cpuprofile, with its hottest functions
// printed (bench/profile-top.ts reads the files again later).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log } from './report.js';
import type { Target } from './server.js';
import { topFunctions, type CpuProfile } from './profile-top.js';

/** Starts a profile of `seconds`; the promise settles once it is saved (never rejects: a failed profile is logged). */
export function profileWorkers(t: Target, dir: string, seconds: number, label: string): Promise<void> {
  if (!t.adminUrl) {
    log(`--profile: ${t.label} has no admin port; not profiled`);
    return Promise.resolve();
  }
  const url = `${t.adminUrl}/debug/cpu-profile?worker=all&seconds=${seconds}`;
  return fetch(url, { signal: AbortSignal.timeout((seconds + 60) * 1000) })
    .then(async (res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { workers: { worker: number; pid: number; profile: CpuProfile }[] };
      mkdirSync(dir, { recursive: true });
      for (const w of body.workers) {
        const file = path.join(dir, `${label}-worker${w.worker}.cpuprofile`);
        writeFileSync(file, JSON.stringify(w.profile));
        log(`--profile: worker ${w.worker} (pid ${w.pid}) → ${file}`);
        process.stderr.write(topFunctions(w.profile, 25) + '\n');
      }
    })
    .catch((err: Error) => log(`--profile: failed: ${err.message}`));
}
