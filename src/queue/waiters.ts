// Bounded waiting for the RabbitMQ queue's parts: a promise with a deadline,
// and a list of callers released together when something happens.
import { UnavailableError } from '../errors.js';

/** What the queue's UnavailableErrors name (code 7 to the client). */
const WHAT = 'rabbitmq';

/** An UnavailableError for the broker, with `why` as its cause's message. */
export function unavailable(why: string, cause?: unknown): UnavailableError {
  return new UnavailableError(WHAT, cause === undefined ? new Error(why) : new Error(why, { cause }));
}

/** `err` as it is, if it is an UnavailableError already, else wrapped in one. */
export function asUnavailable(err: unknown): UnavailableError {
  return err instanceof UnavailableError ? err : new UnavailableError(WHAT, err);
}

/** p, or a rejection `timed out after <ms> ms` once ms have passed (p itself goes on). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(t);
        reject(err);
      },
    );
  });
}

/** Callers waiting for one event; release() lets every one waiting at that moment go. */
export class Waiters {
  private list: (() => void)[] = [];

  /** Resolves at the next release(); rejects with `timed out` after ms. */
  wait(ms: number): Promise<void> {
    return withTimeout(new Promise<void>((r) => this.list.push(r)), ms);
  }

  /** Like wait(), but the timeout rejects with an UnavailableError whose cause says `why`. */
  waitOrUnavailable(ms: number, why: string): Promise<void> {
    return this.wait(ms).catch((err: unknown) => {
      throw unavailable(why, err);
    });
  }

  release(): void {
    const list = this.list;
    this.list = [];
    for (const r of list) r();
  }
}
