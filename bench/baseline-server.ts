// A bare WebSocket broadcast server: what this machine can do at all, as a
// yardstick for GoChat's group fan-out (`npm run bench -- baseline …`).
//
//   npx tsx bench/baseline-server.ts [--port 0] [--coalesce | --no-coalesce]
//
// It speaks just enough of GoChat's wire protocol (DESIGN.md §6) for the
// load tool's client: any token is accepted (a token `baseline-N` names user
// N), CT_LOGIN gets the AT_LOGIN ACK, each CT_MESSAGE gets an AT_UP ACK
// and is pushed to every other logged-in connection — one group of
// everyone — with a per-connection seq, encoded the way GoChat does (the
// Message once, the seq patched per recipient: PushTemplate). AT_PUSH ACKs
// and heartbeats are ignored. No users, no groups, no persistence, no
// retransmits, no rate limits; one process.
//
// --coalesce (default): pushes to a connection are collected and written as
// one OutputBatch frame per event-loop turn (what GoChat does under load).
// --no-coalesce: one ws.send (one frame) per message per client.
//
// Prints {"port":…, "mode":…} on stdout when listening; GET /debug/summary
// answers like GoChat's admin port (rss_bytes, heap_used_bytes, …).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ACKType, decodeInput, encodeAck, encodeBatch, PushTemplate } from '../src/gateway/codec.js';
import { processSummary } from '../src/admin/profiler.js';
import { parseCommandLine } from './support/args.js';

interface Conn {
  ws: WebSocket;
  userId: number;
  loggedIn: boolean;
  /** next push seq of this connection's "inbox" */
  seq: number;
  pending: Uint8Array[];
}

const a = parseCommandLine(process.argv.slice(2), { coalesce: 'bool', port: 'int' }, 'usage: npx tsx bench/baseline-server.ts [--port 0] [--coalesce|--no-coalesce]\n');
const coalesce = a.bool('coalesce', true);
const port = a.int('port', 0);
const MODE = coalesce ? 'coalesced: one OutputBatch frame per client per event-loop turn' : 'one ws.send (one frame) per message per client';

const members = new Set<Conn>();
const dirty = new Set<Conn>();
let flushScheduled = false;
let nextMsgId = 1;
let delivered = 0;

function flush(): void {
  flushScheduled = false;
  for (const c of dirty) {
    if (c.pending.length) c.ws.send(encodeBatch(c.pending));
    c.pending = [];
  }
  dirty.clear();
}

/** Queues (coalesced) or writes one Output to a connection. */
function reply(c: Conn, output: Uint8Array): void {
  if (!coalesce) {
    c.ws.send(encodeBatch([output]));
    return;
  }
  c.pending.push(output);
  dirty.add(c);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function push(c: Conn, output: Uint8Array): void {
  delivered++;
  reply(c, output);
}

const http = createServer((req, res) => {
  if (req.url === '/debug/summary') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ index: 0, ...processSummary(), connections: members.size, delivered }));
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });
http.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/ws') {
    socket.destroy();
    return;
  }
  const m = /^baseline-(\d+)$/.exec(url.searchParams.get('token') ?? '');
  wss.handleUpgrade(req, socket, head, (ws) => {
    const c: Conn = { ws, userId: m ? Number(m[1]) : 0, loggedIn: false, seq: 0, pending: [] };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return ws.close(1003);
      const inb = decodeInput(data);
      switch (inb.type) {
        case 'login':
          c.loggedIn = true;
          members.add(c);
          reply(c, encodeAck(ACKType.AT_LOGIN, 0, 0));
          return;
        case 'message': {
          if (!c.loggedIn || !inb.msg) return;
          const msgId = nextMsgId++;
          // The sender's own "inbox" seq, then one push per other member.
          reply(c, encodeAck(ACKType.AT_UP, inb.clientId, ++c.seq));
          const t = new PushTemplate({ ...inb.msg, senderId: c.userId, sendTime: Date.now(), msgId });
          for (const r of members) if (r !== c) push(r, t.output(++r.seq));
          return;
        }
        default:
          return; // heartbeats, push ACKs, syncs: ignored
      }
    });
    ws.on('close', () => {
      members.delete(c);
      dirty.delete(c);
    });
    ws.on('error', () => undefined);
  });
});
http.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (http.address() as AddressInfo).port, mode: MODE }) + '\n');
});
const stop = () => {
  for (const c of members) c.ws.terminate();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
