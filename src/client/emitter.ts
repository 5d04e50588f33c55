// A minimal typed event emitter (browser and Node alike: no node:events).
// Listeners run synchronously, in the order they were added.

export class Emitter<Events extends object> {
  private readonly lists = new Map<keyof Events, ((v: never) => void)[]>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(event: K, fn: (v: Events[K]) => void): () => void {
    const list = this.lists.get(event) ?? [];
    this.lists.set(event, list);
    list.push(fn);
    return () => list.splice(list.indexOf(fn), 1);
  }

  emit<K extends keyof Events>(event: K, v: Events[K]): void {
    const list = this.lists.get(event) as ((v: Events[K]) => void)[] | undefined;
    if (list) for (const fn of list) fn(v);
  }
}
