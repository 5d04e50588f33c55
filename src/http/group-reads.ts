// GET /api/groups/:id/reads?msg_id= (DESIGN.md §7): who of a group's
// members has read one of its messages. Members only; a budget per user,
// since one request reads every member's unread rows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GroupRecord } from '../store/account-store.js';
import type { ConversationStore } from '../store/conversation-store.js';
import { KeyedBuckets } from '../util/token-bucket.js';
import { HttpError } from './errors.js';
import type { GroupParams } from './schemas.js';

/** The per-user budget holds this many seconds of its rate. */
const READS_BURST_SECONDS = 2;

export interface GroupReadsQuery {
  msg_id: string;
}

export interface GroupReadsRoute {
  conversations: Pick<ConversationStore, 'groupReads'>;
  /** requests per second per user (limits.commands_per_sec) */
  perUserPerSec: number;
  /** the route's authentication hook, and the user it found */
  authenticate: (req: FastifyRequest) => Promise<void>;
  me: (req: FastifyRequest) => number;
  /** the group (404 group_not_found), and 403 forbidden unless the user is a member */
  loadGroup: (groupId: number) => Promise<GroupRecord>;
  requireMember: (group: GroupRecord, userId: number) => void;
  pathId: (value: string, name: string) => number;
  groupParams: object;
}

/**
 * 200 {read: [user_id…], unread: [user_id…]} (ascending): members who got
 * the message (those who joined after it did not) other than its sender,
 * by whether their read_seq of the group covers it. 400 for a missing or
 * bad msg_id, 403 for a non-member, 404 for an unknown group, or a msg_id
 * that is no persisted message of this group: a message is persisted
 * ~100 ms after its ACK (write-behind), so a 404 right after sending may
 * be retried.
 */
export function registerGroupReads(app: FastifyInstance, r: GroupReadsRoute): void {
  const budget = new KeyedBuckets(r.perUserPerSec, r.perUserPerSec * READS_BURST_SECONDS, Date.now);
  const querystring = { type: 'object', properties: { msg_id: { type: 'string', maxLength: 20 } }, required: ['msg_id'] };
  app.get<{ Params: GroupParams; Querystring: GroupReadsQuery }>(
    '/api/groups/:id/reads',
    { onRequest: r.authenticate, schema: { params: r.groupParams, querystring } },
    async (req) => {
      const userId = r.me(req);
      if (!budget.take(String(userId))) throw new HttpError('rate_limited', 'too many requests; retry later');
      const groupId = r.pathId(req.params.id, 'id');
      if (!/^[1-9][0-9]{0,15}$/.test(req.query.msg_id)) throw new HttpError('invalid_request', 'msg_id must be a positive integer');
      const msgId = r.pathId(req.query.msg_id, 'msg_id');
      r.requireMember(await r.loadGroup(groupId), userId);
      const reads = await r.conversations.groupReads(groupId, msgId);
      if (!reads) throw new HttpError('message_not_found', `message ${msgId} of group ${groupId} not found`);
      return reads;
    },
  );
}
