// The HTTP API (DESIGN.md §7) as a fastify instance. The caller listens, or
// hands it sockets; this module only routes, validates and maps errors.
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AccountStore, GroupRecord, UserRecord } from '../store/account-store.js';
import type { TokenService } from '../auth/token.js';
import { TokenError } from '../auth/token.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { NodeInfo } from '../discovery/discovery.js';
import type { Directory } from '../directory/directory.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { SeqAllocator } from '../seq/seq-allocator.js';
import type { ConversationStore } from '../store/conversation-store.js';
import { KeyedBuckets } from '../util/token-bucket.js';
import { HttpError, INTERNAL_ERROR, errorBody, loggableError, toHttpError } from './errors.js';
import { registerGroupReads } from './group-reads.js';
import { registerWebApp } from './web-static.js';
import {
  buildSchemas,
  type AddFriendBody,
  type AddMembersBody,
  type CreateGroupBody,
  type GroupParams,
  type LoginBody,
  type MemberParams,
  type RegisterBody,
  type SearchUsersQuery,
} from './schemas.js';

export interface HttpApiDeps {
  accounts: AccountStore;
  tokens: TokenService;
  directory: Directory;
  config: Config;
  logger: Logger;
  /** Whether the backends answer; /readyz is 503 when false, throwing or slow. */
  ready: () => Promise<boolean>;
  /** the live nodes (GET /api/nodes) and the least loaded one (GET /api/nodes/pick) */
  nodes: { list(): NodeInfo[]; pick(): NodeInfo | null };
  /** friends' presence for GET /api/friends (absent: every friend offline, last_seen 0) */
  presence?: { statusOf(userIds: readonly number[]): Promise<Map<number, { online: boolean; lastSeen: number }>> };
  /** a new user's first seq segment is reserved at registration (SeqAllocator.prime) */
  seqs?: Pick<SeqAllocator, 'prime'>;
  /** group read lists (GET /api/groups/:id/reads); the route is absent without it */
  conversations?: Pick<ConversationStore, 'groupReads'>;
}

function nodeJson(n: NodeInfo) {
  return { node_id: n.node_id, ws_url: n.ws_url, http_url: n.http_url, connections: n.connections, load: n.load };
}

/** /readyz gives up on deps.ready() after this long. */
export const READY_TIMEOUT_MS = 2000;

const NO_STORE = 'no-store';

function userJson(u: UserRecord) {
  return { user_id: u.userId, username: u.username, nickname: u.nickname };
}

function groupJson(g: GroupRecord) {
  return { group_id: g.groupId, name: g.name, owner_id: g.ownerId, member_ids: g.memberIds };
}

/** A path id that passed the schema's digit pattern, as a safe integer. */
function pathId(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new HttpError('invalid_request', `${name} must be a positive integer`);
  return n;
}

/** The token of an `Authorization: Bearer <token>` header. */
function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw new TokenError('token_missing', 'authorization header missing');
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!m) throw new TokenError('token_invalid', 'authorization must be "Bearer <token>"');
  return m[1]!;
}

function sendError(reply: FastifyReply, err: HttpError): FastifyReply {
  if (err.status === 401) reply.header('www-authenticate', `Bearer error="invalid_token"`);
  return reply.code(err.status).header('cache-control', NO_STORE).send(errorBody(err));
}

/** Malformed HTTP below fastify (bad request line, huge headers): answered on the raw socket. */
function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const error =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new HttpError('request_timeout', 'request timeout')
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? new HttpError('header_too_large', 'request headers too large')
        : new HttpError('invalid_request', 'malformed HTTP request');
  const status = error.status;
  const body = JSON.stringify(errorBody(error));
  this.log.trace({ code: err.code }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The register/login budget per IP holds this many seconds of its rate. */
const AUTH_BURST_SECONDS = 10;

/** GET /api/users?query= answers at most this many users (DESIGN.md §7). */
export const SEARCH_LIMIT = 20;

export function buildHttpApi(deps: HttpApiDeps): FastifyInstance {
  const { accounts, tokens, directory, config } = deps;
  const limits = config.limits;
  const schemas = buildSchemas({ maxIdsPerRequest: limits.max_ids_per_request });

  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Requests are logged once, in onResponse, without query strings or headers.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.max_body_bytes,
    // No type coercion: "5" is not a user id.
    ajv: { customOptions: { coerceTypes: false } },
    frameworkErrors: (err, _req, reply) => {
      sendError(reply, toHttpError(err) ?? INTERNAL_ERROR);
    },
    clientErrorHandler,
  });

  // Browsers from Origins not on the allow-list are refused (non-browser clients send no Origin).
  if (config.allowed_origins.length > 0) {
    app.addHook('onRequest', async (req) => {
      const origin = req.headers.origin;
      if (origin !== undefined && !config.allowed_origins.includes(origin)) throw new HttpError('forbidden', 'origin not allowed');
    });
  }

  // Bodies are JSON only; anything else is a 415.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((err, req, reply) => {
    const mapped = toHttpError(err);
    if (!mapped) req.log.error({ err: loggableError(err) }, 'request failed');
    return sendError(reply, mapped ?? INTERNAL_ERROR);
  });

  app.setNotFoundHandler((req, reply) => sendError(reply, new HttpError('not_found', `no route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}`)));

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url;
    const fields = { method: req.method, route: route ?? null, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (route === '/healthz' || route === '/readyz') req.log.trace(fields, 'request');
    else req.log.info(fields, 'request');
  });

  // Authentication runs before the body is read or parsed.
  const users = new WeakMap<FastifyRequest, number>();
  const authenticate = async (req: FastifyRequest): Promise<void> => {
    const claims = await tokens.verify(bearerToken(req.headers.authorization));
    users.set(req, claims.userId);
  };
  const me = (req: FastifyRequest): number => {
    const id = users.get(req);
    if (id === undefined) throw new Error('route is missing the authenticate hook');
    return id;
  };
  const authed = { onRequest: authenticate };

  // Unknown usernames cost one scrypt too, so timing does not tell which exist.
  let dummyHash: Promise<string> | undefined;
  const burnPasswordCheck = async (password: string): Promise<void> => {
    dummyHash ??= hashPassword('gochat-dummy-password');
    await verifyPassword(password, await dummyHash);
  };

  /** The group, or 404 group_not_found. */
  const loadGroup = async (groupId: number): Promise<GroupRecord> => {
    const group = await accounts.getGroup(groupId);
    if (!group) throw new HttpError('group_not_found', `group ${groupId} not found`);
    return group;
  };

  const requireMember = (group: GroupRecord, userId: number): void => {
    if (!group.memberIds.includes(userId)) throw new HttpError('forbidden', `not a member of group ${group.groupId}`);
  };

  const tooLarge = () => new HttpError('group_too_large', `a group has at most ${limits.max_group_members} members`);

  app.get('/healthz', async () => ({ status: 'ok' }));

  // The web chat page: GET / and GET /assets/<file> (built into dist/web by `npm run build`).
  registerWebApp(app);

  // Node selection: clients ask before connecting. Public: it only names client-facing addresses.
  app.get('/api/nodes', async () => ({ nodes: deps.nodes.list().map(nodeJson) }));
  app.get('/api/nodes/pick', async () => {
    const n = deps.nodes.pick();
    if (!n) throw new HttpError('no_node_available', 'no node is available');
    return { node_id: n.node_id, ws_url: n.ws_url };
  });

  app.get('/readyz', async (req, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
      timer.unref();
    });
    const ok = await Promise.race([deps.ready(), timeout]).catch((err: unknown) => {
      req.log.warn({ err: loggableError(err) }, 'readiness check failed');
      return false;
    });
    clearTimeout(timer);
    if (!ok) return sendError(reply, new HttpError('not_ready', 'dependencies unavailable'));
    return { status: 'ok' };
  });

  /** An onRequest hook spending one token of a per-client-IP budget of limits.auth_per_ip_per_sec: 429 rate_limited when spent. */
  const perIpBudget = () => {
    const buckets = new KeyedBuckets(limits.auth_per_ip_per_sec, limits.auth_per_ip_per_sec * AUTH_BURST_SECONDS, Date.now);
    return async (req: FastifyRequest): Promise<void> => {
      if (!buckets.take(req.ip || 'unknown')) throw new HttpError('rate_limited', 'too many requests; retry later');
    };
  };

  // Password guessing and sign-up floods: a budget per client IP, checked before the body is read.
  const authLimited = { onRequest: perIpBudget() };

  app.post<{ Body: RegisterBody }>('/api/register', { ...authLimited, schema: { body: schemas.register } }, async (req, reply) => {
    const { username, password } = req.body;
    const user = await accounts.createUser(username, req.body.nickname ?? username, await hashPassword(password));
    req.log.info({ userId: user.userId }, 'user registered');
    // Off the message path: the user's first message then waits on no durable reservation.
    await deps.seqs?.prime([user.userId]).catch((err: unknown) => req.log.warn({ err, userId: user.userId }, 'first seq segment not reserved at registration; the first message will'));
    return reply.code(201).send(userJson(user));
  });

  app.post<{ Body: LoginBody }>('/api/login', { ...authLimited, schema: { body: schemas.login } }, async (req, reply) => {
    const { username, password } = req.body;
    const user = await accounts.findByUsername(username);
    const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
    if (!user || !ok) throw new HttpError('invalid_credentials', 'wrong username or password');
    const { token, expiresAt } = await tokens.issue(user.userId);
    return reply.header('cache-control', NO_STORE).send({ token, user_id: user.userId, expires_at: expiresAt });
  });

  app.get('/api/users/me', authed, async (req) => {
    const user = await accounts.getUser(me(req));
    if (!user) throw new TokenError('token_invalid', 'the token names no existing user');
    return userJson(user);
  });

  // Finding people by name: at most SEARCH_LIMIT users whose username starts
  // with `query` (2 to 32 username characters, case-insensitive; `_` is
  // literal), ordered by username ascending, compared case-insensitively.
  // Rate-limited like login, per client IP, on a budget of its own (a page
  // searching as its user types must not lock them out of logging in); the
  // budget is checked first, then the token, then the query.
  const searchLimited = perIpBudget();
  app.get<{ Querystring: SearchUsersQuery }>(
    '/api/users',
    { onRequest: [searchLimited, authenticate], schema: { querystring: schemas.searchUsers } },
    async (req) => ({ users: (await accounts.searchUsers(req.query.query, SEARCH_LIMIT)).map(userJson) }),
  );

  app.post<{ Body: AddFriendBody }>('/api/friends', { ...authed, schema: { body: schemas.addFriend } }, async (req, reply) => {
    const userId = me(req);
    const friendId = req.body.user_id;
    if (friendId === userId) throw new HttpError('cannot_add_self', 'cannot add yourself as a friend');
    await accounts.addFriend(userId, friendId);
    return reply.code(201).send({ user_id: friendId });
  });

  app.get('/api/friends', authed, async (req) => {
    const friends = await accounts.listFriends(me(req));
    const status = (await deps.presence?.statusOf(friends.map((f) => f.userId))) ?? new Map();
    return {
      friends: friends.map((f) => {
        const s = status.get(f.userId);
        return { ...userJson(f), online: s?.online ?? false, last_seen: s?.lastSeen ?? 0 };
      }),
    };
  });

  app.post<{ Body: CreateGroupBody }>('/api/groups', { ...authed, schema: { body: schemas.createGroup } }, async (req, reply) => {
    const ownerId = me(req);
    const memberIds = req.body.member_ids ?? [];
    if (new Set([ownerId, ...memberIds]).size > limits.max_group_members) throw tooLarge();
    const group = await accounts.createGroup(ownerId, req.body.name, memberIds, limits.max_group_members);
    // A lookup of this id may have been cached as "no such group".
    await directory.invalidateGroup(group.groupId);
    return reply.code(201).send(groupJson(group));
  });

  app.get<{ Params: GroupParams }>('/api/groups/:id', { ...authed, schema: { params: schemas.groupParams } }, async (req) => {
    const group = await loadGroup(pathId(req.params.id, 'id'));
    requireMember(group, me(req));
    return groupJson(group);
  });

  app.post<{ Params: GroupParams; Body: AddMembersBody }>(
    '/api/groups/:id/members',
    { ...authed, schema: { params: schemas.groupParams, body: schemas.addMembers } },
    async (req) => {
      const group = await loadGroup(pathId(req.params.id, 'id'));
      requireMember(group, me(req));
      const memberIds = await accounts.addMembers(group.groupId, req.body.user_ids, limits.max_group_members);
      await directory.invalidateGroup(group.groupId);
      return { member_ids: memberIds };
    },
  );

  if (deps.conversations) {
    const perUserPerSec = limits.commands_per_sec;
    registerGroupReads(app, { conversations: deps.conversations, perUserPerSec, authenticate, me, loadGroup, requireMember, pathId, groupParams: schemas.groupParams });
  }

  app.delete<{ Params: MemberParams }>(
    '/api/groups/:id/members/:user_id',
    { ...authed, schema: { params: schemas.memberParams } },
    async (req, reply) => {
      const group = await loadGroup(pathId(req.params.id, 'id'));
      const target = pathId(req.params.user_id, 'user_id');
      const userId = me(req);
      if (userId === group.ownerId) {
        if (target === userId) throw new HttpError('owner_cannot_leave', 'the owner cannot leave the group');
      } else if (target !== userId) {
        throw new HttpError('forbidden', 'only the owner may remove other members');
      }
      await accounts.removeMember(group.groupId, target);
      await directory.invalidateGroup(group.groupId);
      return reply.code(204).send();
    },
  );

  return app;
}
