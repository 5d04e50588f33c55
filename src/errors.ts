// Errors and the result codes of the wire protocol (DESIGN.md §6). Clients are written
// against these numbers: never renumber, only add.
export const Code = {
  /** ok */
  OK: 0,
  /** malformed input or an invalid field; final */
  BAD_REQUEST: 1,
  /** not logged in, bad or expired token */
  UNAUTHENTICATED: 2,
  /** not allowed (e.g. not a member of the group); final */
  FORBIDDEN: 3,
  /** the receiver or group does not exist; final */
  NOT_FOUND: 4,
  /** content or frame too large; final */
  TOO_LARGE: 5,
  /** rate limited; transient, the client retransmits after a back-off */
  RATE_LIMITED: 6,
  /** a backend is unavailable; transient, the client retransmits after a back-off */
  UNAVAILABLE: 7,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** Transient codes do not consume the client_id (DESIGN.md §6). */
export function isTransient(code: number): boolean {
  return code === Code.RATE_LIMITED || code === Code.UNAVAILABLE;
}

/** A rejection with a wire code, thrown inside the chat logic and answered as an error Output. */
export class ChatError extends Error {
  override name = 'ChatError';
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A backend (Redis, RabbitMQ, MySQL) failed: transient for the client (code 7). */
export class UnavailableError extends ChatError {
  override name = 'UnavailableError';
  constructor(what: string, cause?: unknown) {
    super(Code.UNAVAILABLE, `${what} unavailable`, { cause });
  }
}
