// A real GoChat node (`node src/main.ts`) that is expected not to start: run
// it to its exit and keep what it printed. For the refusals at start-up
// (configuration checks), which startCluster cannot show: it waits for
// /readyz.
import { spawn } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { REPO_ROOT, sleep } from './cluster.js';

/** The test runner's environment without its loader set-up and without any GOCHAT_ setting, plus `extra`. */
export function cleanNodeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k === 'NODE_OPTIONS' || k.startsWith('VITEST') || k.startsWith('GOCHAT_')) delete env[k];
  return Object.assign(env, extra);
}

export interface NodeExit {
  /** the exit code, or 'timeout' (the node was then killed) */
  exit: number | null | 'timeout';
  /** stdout + stderr */
  output: string;
}

/** Starts a node with `extra` on a clean environment and waits for it to exit (killed after `timeoutMs`). */
export async function runNodeToExit(extra: Record<string, string>, timeoutMs = 45_000): Promise<NodeExit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: REPO_ROOT, env: cleanNodeEnv(extra), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString('utf8')));
  const exit = await Promise.race([new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))), sleep(timeoutMs).then(() => 'timeout' as const)]);
  if (exit === 'timeout') {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return { exit, output };
}

/** Whether a TCP connection to host:port is accepted (3 s at most). */
export function tcpConnects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(3000, () => done(false));
  });
}
