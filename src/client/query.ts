// One kind of question to the server (CT_CONVERSATIONS, the CT_PRESENCE
// query) with at most one in flight: answers of a kind come back in the
// order asked, so with one in flight each answer belongs to it. A question
// asked while offline, or lost with the connection, is asked after the next
// login.
import { CommandError } from './sdk-types.js';

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: Error): void;
}

/**
 * Guarantees: every ask() settles exactly once (its answer, an error
 * answer, or close()); callers who ask while a request is in flight get the
 * next one, sent once that answer came, so an answer never predates its ask.
 * Once `keep()` was called, a request also goes out after every login even
 * with nobody waiting (the state it feeds is refreshed after a reconnect).
 */
export class Query<T> {
  private waiting: Waiter<T>[] = [];
  private inFlight: Waiter<T>[] | null = null;
  /** a request with nobody waiting is due (keep(): after each login) */
  private due = false;
  private kept = false;

  constructor(
    /** writes the request; false when offline (it goes after the next login) */
    private readonly transmit: () => boolean,
  ) {}

  ask(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.flush();
    });
  }

  /** From now on, ask again after every login. */
  keep(): void {
    this.kept = true;
  }

  /** Asks once more with nobody waiting (the state the answers feed went stale). */
  again(): void {
    this.due = true;
    this.flush();
  }

  /** Whether an answer is awaited (an output of this kind with no request in flight is unasked: a push). */
  get awaited(): boolean {
    return this.inFlight !== null;
  }

  /** The answer to the request in flight. */
  answered(v: T): void {
    const ws = this.inFlight ?? [];
    this.inFlight = null;
    for (const w of ws) w.resolve(v);
    this.flush();
  }

  /** An error answer to the request in flight (not asked again by itself). */
  failed(code: number, message: string): void {
    const ws = this.inFlight ?? [];
    this.inFlight = null;
    for (const w of ws) w.reject(new CommandError(code, message));
    this.flush();
  }

  loggedIn(): void {
    if (this.kept) this.due = true;
    this.flush();
  }

  /** The request in flight is lost with the connection: asked again after the next login. */
  disconnected(): void {
    if (!this.inFlight) return;
    this.waiting = [...this.inFlight, ...this.waiting];
    this.inFlight = null;
  }

  close(): void {
    const all = [...(this.inFlight ?? []), ...this.waiting];
    this.inFlight = null;
    this.waiting = [];
    for (const w of all) w.reject(new CommandError(7, 'the client was closed'));
  }

  private flush(): void {
    if (this.inFlight || (this.waiting.length === 0 && !this.due)) return;
    const ws = this.waiting;
    this.inFlight = ws;
    this.waiting = [];
    if (!this.transmit()) {
      this.inFlight = null;
      this.waiting = ws;
      return;
    }
    this.due = false;
  }
}
