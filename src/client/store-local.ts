// A ClientStore on the Web Storage API (a browser's localStorage), so that a
// page reload loses nothing: the next client_id, the messages not yet
// acknowledged (sent again after the reload, under the same client_id, so
// the server deduplicates them) and the last contiguous seq. Keys are
// namespaced by a prefix: use one per (user, device).
//
// Every write goes straight to storage, synchronously, before the SDK
// transmits or hands a message on: what was persisted is never behind what
// the server was told. Storage full (QuotaExceededError) is thrown to the caller.
import type { ClientStore, UnsentMessage } from './sdk.js';

/** The part of `Storage` used here (localStorage, sessionStorage, or a Map-backed fake). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface StoredUnsent {
  clientId: number;
  sessionType: number;
  receiverId: number;
  messageType: number;
  /** base64 */
  content: string;
}

export class LocalStorageStore implements ClientStore {
  private readonly unsent = new Map<number, UnsentMessage>();
  private loaded = false;

  constructor(
    private readonly storage: StorageLike,
    /** e.g. `gochat:<userId>:<deviceId>` */
    private readonly prefix: string,
  ) {}

  private key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  private readInt(name: string, fallback: number): number {
    const n = Number(this.storage.getItem(this.key(name)));
    return Number.isSafeInteger(n) && n > 0 ? n : fallback;
  }

  async load(): Promise<{ lastSeq: number; nextClientId: number; unsent: UnsentMessage[] }> {
    const unsent = this.pending();
    // Never hand out a client_id at or below one still waiting to be sent.
    const nextClientId = Math.max(this.readInt('nextClientId', 1), (unsent.at(-1)?.clientId ?? 0) + 1);
    return { lastSeq: this.readInt('lastSeq', 0), nextClientId, unsent };
  }

  saveLastSeq(seq: number): void {
    this.storage.setItem(this.key('lastSeq'), String(seq));
  }

  saveNextClientId(id: number): void {
    this.storage.setItem(this.key('nextClientId'), String(id));
  }

  addUnsent(m: UnsentMessage): void {
    this.unsent.set(m.clientId, m);
    this.writeUnsent();
  }

  removeUnsent(clientId: number): void {
    if (this.unsent.delete(clientId)) this.writeUnsent();
  }

  /** The messages not yet acknowledged, in client_id order (e.g. to show them as "sending" after a reload). */
  pending(): UnsentMessage[] {
    if (!this.loaded) {
      this.loaded = true;
      for (const m of parseUnsent(this.storage.getItem(this.key('unsent')))) this.unsent.set(m.clientId, m);
    }
    return [...this.unsent.values()].sort((a, b) => a.clientId - b.clientId);
  }

  private writeUnsent(): void {
    const list: StoredUnsent[] = [...this.unsent.values()].map((m) => ({
      clientId: m.clientId,
      sessionType: m.sessionType,
      receiverId: m.receiverId,
      messageType: m.messageType,
      content: toBase64(m.content),
    }));
    if (list.length === 0) this.storage.removeItem(this.key('unsent'));
    else this.storage.setItem(this.key('unsent'), JSON.stringify(list));
  }
}

function parseUnsent(raw: string | null): UnsentMessage[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as StoredUnsent[];
    if (!Array.isArray(list)) return [];
    return list
      .filter((m) => Number.isSafeInteger(m?.clientId) && typeof m.content === 'string')
      .map((m) => ({ clientId: m.clientId, sessionType: m.sessionType, receiverId: m.receiverId, messageType: m.messageType, content: fromBase64(m.content) }));
  } catch {
    return []; // corrupt: nothing can be resent, but the client_ids stay unique (nextClientId is separate)
  }
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
