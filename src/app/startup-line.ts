// The line a person reads first when a node has started: which engine runs,
// and where the chat page, the API, the WebSocket and the admin port are.
import type { Config } from '../config/schema.js';

export interface StartupPorts {
  httpPort: number;
  adminPort: number;
  workers: number;
}

const ANY = new Set(['0.0.0.0', '::', '']);

/** A host a browser on this machine or another can use for an address bound to `bound`. */
function reachable(bound: string, fallback: string): string {
  const host = ANY.has(bound) ? fallback : bound;
  return host.includes(':') ? `[${host}]` : host;
}

/** The start-up line and its fields (the same facts, machine-readable). */
export function startupLine(cfg: Config, p: StartupPorts): { msg: string; fields: Record<string, unknown> } {
  const pub = reachable(cfg.public_host || cfg.http_host, cfg.advertise_host);
  const admin = reachable(cfg.admin_host, cfg.advertise_host);
  const fields = {
    engine: cfg.engine,
    workers: p.workers,
    chat_page: `http://${pub}:${p.httpPort}/`,
    api: `http://${pub}:${p.httpPort}/api/`,
    websocket: `ws://${pub}:${p.httpPort}/ws`,
    admin: `http://${admin}:${p.adminPort}/metrics`,
  };
  const msg =
    `GoChat ready: engine ${cfg.engine} (${cfg.engine_reason}), ${p.workers} worker${p.workers === 1 ? '' : 's'}; ` +
    `chat page ${fields.chat_page}  API ${fields.api}  WebSocket ${fields.websocket}  admin ${fields.admin}`;
  return { msg, fields };
}
