// Every HTTP API error as {"error": {"code", "message"}} (DESIGN.md §7): the
// code is stable and machine-readable, the message is for people. Nothing
// internal (stack, SQL, parameters) ever reaches a client.
import { AccountError, type AccountErrorCode } from '../store/account-store.js';
import { TokenError } from '../auth/token.js';

/** Client-facing error codes and their HTTP status. */
export const HTTP_ERRORS = {
  invalid_json: 400, // body is not JSON
  invalid_request: 400, // a field is missing, of the wrong type or out of range (the message names it)
  cannot_add_self: 400, // POST /api/friends with one's own id
  group_too_large: 400, // more than limits.max_group_members
  owner_cannot_leave: 400, // the owner removing itself
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  invalid_credentials: 401, // unknown user or wrong password: one answer for both
  forbidden: 403, // not a member, or not allowed to remove that member
  not_found: 404, // no such route
  user_not_found: 404,
  group_not_found: 404,
  not_member: 404, // removing a user that is not in the group
  message_not_found: 404, // GET /api/groups/:id/reads: no such persisted message of that group (yet: retry shortly after sending)
  username_taken: 409,
  already_friends: 409,
  request_timeout: 408, // the client sent its request too slowly
  body_too_large: 413, // over limits.max_body_bytes
  unsupported_media_type: 415, // bodies are application/json
  rate_limited: 429, // over limits.auth_per_ip_per_sec (register/login, and user search on a budget of its own)
  header_too_large: 431,
  internal: 500,
  not_ready: 503,
  no_node_available: 503, // GET /api/nodes/pick with no live node
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = HTTP_ERRORS[code];
  }
}

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string };
}

export function errorBody(err: HttpError): ErrorBody {
  return { error: { code: err.code, message: err.message } };
}

const ACCOUNT_ERRORS: Record<AccountErrorCode, HttpErrorCode> = {
  username_taken: 'username_taken',
  user_not_found: 'user_not_found',
  group_not_found: 'group_not_found',
  already_friends: 'already_friends',
  not_member: 'not_member',
  group_full: 'group_too_large',
};

/** The subset of an ajv error that fastify attaches to `err.validation`. */
interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  validation?: AjvError[];
  validationContext?: string;
}

/** `/member_ids/3` → `member_ids[3]`. */
function fieldName(path: string): string {
  return path
    .split('/')
    .slice(1)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : (i > 0 ? '.' : '') + p))
    .join('');
}

/** One sentence naming the offending field, from the first ajv error. */
export function validationMessage(errors: readonly AjvError[], context: string | undefined): string {
  const e = errors[0];
  if (!e) return 'invalid request';
  if (e.keyword === 'required') return `${String(e.params.missingProperty)} is required`;
  const field = fieldName(e.instancePath);
  if (context === 'params') return `${field || 'path'} must be a positive integer`;
  if (!field) return 'body must be a JSON object';
  if (e.keyword === 'pattern') {
    return field === 'username' || (context === 'querystring' && field === 'query')
      ? `${field} may contain only letters, digits, "_", "." and "-"`
      : `${field} contains characters that are not allowed`;
  }
  return `${field} ${e.message ?? 'is invalid'}`;
}

function fromFastify(err: FastifyLikeError): HttpError | null {
  if (Array.isArray(err.validation)) return new HttpError('invalid_request', validationMessage(err.validation, err.validationContext));
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError('invalid_json', 'body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError('body_too_large', 'request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError('unsupported_media_type', 'content-type must be application/json');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpError('invalid_request', 'malformed URL');
  }
  // Any other client error fastify raises (content-length mismatch, proto
  // poisoning, …): a 400 without internals.
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new HttpError(err.statusCode === 413 ? 'body_too_large' : 'invalid_request', 'malformed request');
  }
  return null;
}

/** Maps anything thrown while serving a request to the client-facing error; null means a 500. */
export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  if (err instanceof TokenError) return new HttpError(err.code, err.message);
  if (err instanceof AccountError) return new HttpError(ACCOUNT_ERRORS[err.code], err.message);
  if (err !== null && typeof err === 'object') return fromFastify(err as FastifyLikeError);
  return null;
}

export const INTERNAL_ERROR = new HttpError('internal', 'internal error');

/**
 * What to log of an unexpected error: name, message, code and stack, but not
 * the fields database errors carry (sql, parameters: a password hash could
 * be among them).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}
