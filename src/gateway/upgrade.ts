// The HTTP side of GET /ws (DESIGN.md §6): path, Origin, the token checked
// before the upgrade (401 without a valid one), sticky routing, and the
// hand-off of sockets whose token the primary already verified.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { TokenClaims, TokenService } from '../auth/token.js';

export interface UpgradeOptions {
  wss: WebSocketServer;
  tokens: TokenService;
  /** browser Origins allowed; empty = any */
  allowedOrigins: string[];
  /** whether a WebSocket of this user may be served by this worker (sticky routing) */
  acceptsUser?: (userId: number) => boolean;
  /** false once the gateway is closing: 503 */
  accepting(): boolean;
  /** a WebSocket is open for the user the URL token names */
  onOpen(ws: WebSocket, urlUserId: number): void;
  now: () => number;
}

/**
 * The upgrading socket's error listener, at module level: a closure in
 * handleUpgrade would keep its whole scope (the request, its head, the token
 * URL) alive for the life of the connection (~1 KB each, seen in heap snapshots).
 */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

/** Answers an upgrade request with an HTTP status instead (the connection ends). */
function reject(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

export class UpgradeHandler {
  // Sockets the primary handed over with the /ws token it already verified.
  private readonly preverified = new WeakMap<object, TokenClaims>();

  constructor(private readonly o: UpgradeOptions) {}

  /** The primary verified this socket's /ws token (cluster hand-off): its upgrade needs no second check. */
  handedOff(socket: object, claims: TokenClaims): void {
    this.preverified.set(socket, claims);
  }

  /** Checks the token before upgrading; 401 without one. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', destroyOnError);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return reject(socket, 400, 'Bad Request');
    }
    if (url.pathname !== '/ws') return reject(socket, 404, 'Not Found');
    if (!this.o.accepting()) return reject(socket, 503, 'Service Unavailable');
    const origin = req.headers.origin;
    if (origin !== undefined && this.o.allowedOrigins.length > 0 && !this.o.allowedOrigins.includes(origin)) return reject(socket, 403, 'Forbidden');
    const token = url.searchParams.get('token');
    let pre = this.preverified.get(socket);
    if (pre) {
      this.preverified.delete(socket);
      if (!token || pre.expiresAt <= this.o.now()) pre = undefined;
      else this.o.tokens.remember(token, pre);
    }
    (pre ? Promise.resolve(pre) : this.o.tokens.verify(token)).then(
      (claims) => {
        if (socket.destroyed) return;
        if (this.o.acceptsUser && !this.o.acceptsUser(claims.userId)) return reject(socket, 503, 'Service Unavailable');
        const userId = claims.userId;
        this.o.wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', destroyOnError); // the WebSocket handles socket errors now
          this.o.onOpen(ws, userId);
        });
      },
      () => reject(socket, 401, 'Unauthorized'),
    );
  }
}
