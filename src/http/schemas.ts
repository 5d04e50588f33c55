// JSON schemas of the HTTP API request bodies and path parameters (DESIGN.md §7).
// Validated by fastify's ajv with type coercion off: a number sent as a
// string is a 400, not silently converted. Unknown body properties are
// dropped (ajv removeAdditional), so a newer client talking to an older node
// still works.

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NICKNAME_MAX = 64;
export const GROUP_NAME_MAX = 64;
/** GET /api/users?query=: the shortest prefix searched (a single character would list too many). */
export const SEARCH_QUERY_MIN = 2;

// Lengths count code points (ajv), like VARCHAR(n) in utf8mb4.
const USERNAME_PATTERN = '^[A-Za-z0-9_.-]+$';
/** No control characters, no lone surrogates (the database would refuse them). */
const PRINTABLE_PATTERN = '^[^\\u0000-\\u001f\\u007f\\ud800-\\udfff]+$';

const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

/** A path id: digits only, checked as a safe integer by the handler (parsePathId). */
const pathId = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } as const;

function body(properties: Record<string, object>, required: string[]) {
  return { type: 'object', properties, required, additionalProperties: false } as const;
}

export interface SchemaLimits {
  maxIdsPerRequest: number;
}

export function buildSchemas(limits: SchemaLimits) {
  const ids = { type: 'array', items: id, maxItems: limits.maxIdsPerRequest } as const;
  return {
    register: body(
      {
        username: { type: 'string', minLength: USERNAME_MIN, maxLength: USERNAME_MAX, pattern: USERNAME_PATTERN },
        password: { type: 'string', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX },
        // Optional: defaults to the username.
        nickname: { type: 'string', minLength: 1, maxLength: NICKNAME_MAX, pattern: PRINTABLE_PATTERN },
      },
      ['username', 'password'],
    ),
    // Only the maximum lengths are checked: a value no account can have is
    // answered like a wrong password (401), not with a hint (400).
    login: body(
      {
        username: { type: 'string', maxLength: USERNAME_MAX },
        password: { type: 'string', maxLength: PASSWORD_MAX },
      },
      ['username', 'password'],
    ),
    addFriend: body({ user_id: id }, ['user_id']),
    createGroup: body(
      {
        name: { type: 'string', minLength: 1, maxLength: GROUP_NAME_MAX, pattern: PRINTABLE_PATTERN },
        // Optional: a group of the owner alone.
        member_ids: ids,
      },
      ['name'],
    ),
    addMembers: body({ user_ids: { ...ids, minItems: 1 } }, ['user_ids']),
    // GET /api/users?query=PREFIX: a username head, so only username
    // characters; other query parameters (cache busters) are ignored.
    searchUsers: {
      type: 'object',
      properties: { query: { type: 'string', minLength: SEARCH_QUERY_MIN, maxLength: USERNAME_MAX, pattern: USERNAME_PATTERN } },
      required: ['query'],
    },
    groupParams: { type: 'object', properties: { id: pathId }, required: ['id'] },
    memberParams: { type: 'object', properties: { id: pathId, user_id: pathId }, required: ['id', 'user_id'] },
  };
}

export interface RegisterBody {
  username: string;
  password: string;
  nickname?: string;
}
export interface LoginBody {
  username: string;
  password: string;
}
export interface AddFriendBody {
  user_id: number;
}
export interface CreateGroupBody {
  name: string;
  member_ids?: number[];
}
export interface AddMembersBody {
  user_ids: number[];
}
export interface SearchUsersQuery {
  query: string;
}
export interface GroupParams {
  id: string;
}
export interface MemberParams {
  id: string;
  user_id: string;
}
