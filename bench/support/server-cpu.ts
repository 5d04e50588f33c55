// CPU time of the server's processes (the primary and every worker it forked),
// read from /proc: utime + stime of each, in ms. Workers are the primary's
// children (/proc/<pid>/task/*/children); a worker that exited between two
// reads is no longer counted (the bench never kills one).
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function procCpuMs(pid: number): number {
  try {
    // fields after "(comm) ": state is [0], utime [11], stime [12]
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const s = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (s) for (const c of s.split(' ')) out.push(Number(c));
    }
  } catch {
    /* gone */
  }
  return out;
}

/** CPU ms used so far by `pid` and its descendants. */
export function treeCpuMs(pid: number): number {
  let ms = procCpuMs(pid);
  for (const c of childrenOf(pid)) ms += treeCpuMs(c);
  return ms;
}

/** Starts a meter: the returned function gives the CPU ms the tree used since. */
export function treeCpuMeter(pid: number | undefined): () => number {
  if (pid === undefined) return () => NaN;
  const c0 = treeCpuMs(pid);
  return () => treeCpuMs(pid) - c0;
}
