// The Directory contract (src/directory/directory.ts), as one suite that every
// implementation runs through its own factory.
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../src/directory/directory.js';
import type { AccountStore, GroupRecord } from '../../src/store/account-store.js';

/**
 * What one test needs: the account store behind the directory (the test
 * creates users and groups in it and changes memberships), and a way to open
 * several directories (processes) that share the cache of this test.
 */
export interface DirectoryHarness {
  accounts: AccountStore;
  /** Another directory over `accounts` (the harness's store, possibly wrapped by the test), sharing this test's cache. */
  open(accounts: AccountStore): Promise<Directory>;
}

/** A fresh harness per call (own database and cache); the cleanup closes what it opened and drops it. */
export type DirectoryFactory = () => Promise<[DirectoryHarness, () => Promise<void>]>;

const MAX_MEMBERS = 1000;

/**
 * Forwards to the real store; `holdNextGetGroup()` makes the next getGroup
 * read the database at once but return its (by then old) answer only when
 * released: the slow reader of the stale-cache race.
 */
class SlowGroupReads implements AccountStore {
  getGroupCalls = 0;
  private holds: { reached: (g: GroupRecord | null) => void; released: Promise<void> }[] = [];

  constructor(private readonly inner: AccountStore) {}

  holdNextGetGroup(): { reached: Promise<GroupRecord | null>; release(): void } {
    let reached!: (g: GroupRecord | null) => void;
    let release!: () => void;
    const reachedP = new Promise<GroupRecord | null>((r) => (reached = r));
    const released = new Promise<void>((r) => (release = r));
    this.holds.push({ reached, released });
    return { reached: reachedP, release };
  }

  async getGroup(groupId: number): Promise<GroupRecord | null> {
    this.getGroupCalls++;
    const g = await this.inner.getGroup(groupId);
    const hold = this.holds.shift();
    if (hold) {
      hold.reached(g);
      await hold.released;
    }
    return g;
  }

  createUser: AccountStore['createUser'] = (...a) => this.inner.createUser(...a);
  findByUsername: AccountStore['findByUsername'] = (...a) => this.inner.findByUsername(...a);
  getUser: AccountStore['getUser'] = (...a) => this.inner.getUser(...a);
  searchUsers: AccountStore['searchUsers'] = (...a) => this.inner.searchUsers(...a);
  existingUsers: AccountStore['existingUsers'] = (...a) => this.inner.existingUsers(...a);
  addFriend: AccountStore['addFriend'] = (...a) => this.inner.addFriend(...a);
  listFriends: AccountStore['listFriends'] = (...a) => this.inner.listFriends(...a);
  createGroup: AccountStore['createGroup'] = (...a) => this.inner.createGroup(...a);
  addMembers: AccountStore['addMembers'] = (...a) => this.inner.addMembers(...a);
  removeMember: AccountStore['removeMember'] = (...a) => this.inner.removeMember(...a);
  close: AccountStore['close'] = () => this.inner.close();
}

let nextName = 1;
async function makeUsers(accounts: AccountStore, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await accounts.createUser(`user${nextName++}_${process.pid}`, 'nick', 'hash')).userId);
  return ids;
}

const sortedIds = (ids: readonly number[] | null): number[] | null => (ids ? [...ids].sort((a, b) => a - b) : null);

export function directoryContract(name: string, factory: DirectoryFactory): void {
  describe(`Directory contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const setup = async (): Promise<DirectoryHarness> => {
      const [h, cleanup] = await factory();
      cleanups.push(cleanup);
      return h;
    };
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it('existingUsers answers which of the ids exist, again and again', async () => {
      const h = await setup();
      const d = await h.open(h.accounts);
      const ids = await makeUsers(h.accounts, 5);
      const missing = [Math.max(...ids) + 1000, 2 ** 52, 0, -1];
      expect([...(await d.existingUsers([]))]).toEqual([]);
      for (let round = 0; round < 2; round++) {
        const got = await d.existingUsers([...ids.slice(0, 3), ...missing]);
        expect([...got].sort((a, b) => a - b)).toEqual(ids.slice(0, 3));
      }
      const all = await d.existingUsers([...missing, ...ids]);
      expect([...all].sort((a, b) => a - b)).toEqual(ids);
      // A user created after a negative answer exists at the next call.
      const late = await (await h.open(h.accounts)).existingUsers([Math.max(...ids) + 1]);
      expect(late.size).toBe(0);
      const [newcomer] = await makeUsers(h.accounts, 1);
      expect(newcomer).toBe(Math.max(...ids) + 1);
      expect([...(await d.existingUsers([newcomer!]))]).toEqual([newcomer]);
    });

    it('groupMembers: the members, or null for a group that does not exist', async () => {
      const h = await setup();
      const d = await h.open(h.accounts);
      const [owner, m1, m2] = await makeUsers(h.accounts, 3);
      const g = await h.accounts.createGroup(owner!, 'g', [m2!, m1!], MAX_MEMBERS);
      for (let round = 0; round < 2; round++) {
        expect(sortedIds(await d.groupMembers(g.groupId))).toEqual(sortedIds([owner!, m1!, m2!]));
        expect(await d.groupMembers(g.groupId + 1000)).toBeNull();
        expect(await d.groupMembers(0)).toBeNull();
      }
    });

    it('invalidateGroup makes membership changes visible at the next call, in every process', async () => {
      const h = await setup();
      const d1 = await h.open(h.accounts);
      const d2 = await h.open(h.accounts);
      const [owner, a, b, c] = await makeUsers(h.accounts, 4);
      const g = await h.accounts.createGroup(owner!, 'g', [a!], MAX_MEMBERS);
      expect(sortedIds(await d1.groupMembers(g.groupId))).toEqual([owner, a]);
      expect(sortedIds(await d2.groupMembers(g.groupId))).toEqual([owner, a]);

      await h.accounts.addMembers(g.groupId, [b!, c!], MAX_MEMBERS);
      await d1.invalidateGroup(g.groupId); // invalidated by one process …
      expect(sortedIds(await d2.groupMembers(g.groupId))).toEqual([owner, a, b, c]); // … seen by the other
      expect(sortedIds(await d1.groupMembers(g.groupId))).toEqual([owner, a, b, c]);

      await h.accounts.removeMember(g.groupId, a!);
      await d2.invalidateGroup(g.groupId);
      expect(sortedIds(await d1.groupMembers(g.groupId))).toEqual([owner, b, c]);
      expect(sortedIds(await d2.groupMembers(g.groupId))).toEqual([owner, b, c]);

      // Everyone leaves: an empty group, which still exists.
      for (const u of [owner!, b!, c!]) await h.accounts.removeMember(g.groupId, u);
      await d1.invalidateGroup(g.groupId);
      expect(await d2.groupMembers(g.groupId)).toEqual([]);
      expect(await d1.groupMembers(g.groupId)).toEqual([]);

      // Invalidating a group that was never looked up, or does not exist, is harmless.
      await d1.invalidateGroup(g.groupId + 1000);
      expect(await d2.groupMembers(g.groupId + 1000)).toBeNull();
    });

    it('a group created after a lookup found nothing is visible once invalidated (as on creation)', async () => {
      const h = await setup();
      const d1 = await h.open(h.accounts);
      const d2 = await h.open(h.accounts);
      const [owner, a] = await makeUsers(h.accounts, 2);
      const g1 = await h.accounts.createGroup(owner!, 'first', [], MAX_MEMBERS);
      expect(await d1.groupMembers(g1.groupId + 1)).toBeNull(); // not yet: the answer may be cached
      expect(await d2.groupMembers(g1.groupId + 1)).toBeNull();
      const g2 = await h.accounts.createGroup(owner!, 'second', [a!], MAX_MEMBERS);
      expect(g2.groupId).toBe(g1.groupId + 1); // precondition: ids are consecutive in a fresh store
      await d1.invalidateGroup(g2.groupId);
      expect(sortedIds(await d2.groupMembers(g2.groupId))).toEqual([owner, a]);
      expect(sortedIds(await d1.groupMembers(g2.groupId))).toEqual([owner, a]);
    });

    it('stale-cache race: a slow reader that read the old list before a change and invalidation does not get it served afterwards', async () => {
      const h = await setup();
      const slow = new SlowGroupReads(h.accounts);
      const d1 = await h.open(slow); // the slow reader's process
      const d2 = await h.open(h.accounts); // the process that changes the group
      const d3 = await h.open(h.accounts);
      const [owner, a, b] = await makeUsers(h.accounts, 3);
      const g = await h.accounts.createGroup(owner!, 'g', [a!], MAX_MEMBERS);

      for (const change of ['add', 'remove'] as const) {
        const before = sortedIds((await h.accounts.getGroup(g.groupId))!.memberIds);
        await d2.invalidateGroup(g.groupId); // nothing cached: d1 must go to the store
        const hold = slow.holdNextGetGroup();
        const reading = d1.groupMembers(g.groupId);
        const old = await hold.reached; // d1 has read the list from the database …
        expect(sortedIds(old!.memberIds)).toEqual(before);
        // … then the membership changes and is invalidated …
        if (change === 'add') await h.accounts.addMembers(g.groupId, [b!], MAX_MEMBERS);
        else await h.accounts.removeMember(g.groupId, a!);
        await d2.invalidateGroup(g.groupId);
        const after = sortedIds((await h.accounts.getGroup(g.groupId))!.memberIds);
        expect(after).not.toEqual(before);
        // … and only then does the slow reader finish (and, if it caches, write the old list).
        hold.release();
        expect([before, after]).toContainEqual(sortedIds(await reading)); // concurrent with the change: either answer
        for (let round = 0; round < 3; round++) {
          expect(sortedIds(await d1.groupMembers(g.groupId)), `${change}: d1, round ${round}`).toEqual(after);
          expect(sortedIds(await d2.groupMembers(g.groupId)), `${change}: d2, round ${round}`).toEqual(after);
          expect(sortedIds(await d3.groupMembers(g.groupId)), `${change}: d3, round ${round}`).toEqual(after);
        }
      }
    });

    it('stale-cache race on a group that did not exist yet: a slow "no such group" is not served after creation', async () => {
      const h = await setup();
      const slow = new SlowGroupReads(h.accounts);
      const d1 = await h.open(slow);
      const d2 = await h.open(h.accounts);
      const [owner, a] = await makeUsers(h.accounts, 2);
      const g1 = await h.accounts.createGroup(owner!, 'first', [], MAX_MEMBERS);
      const hold = slow.holdNextGetGroup();
      const reading = d1.groupMembers(g1.groupId + 1);
      expect(await hold.reached).toBeNull();
      const g2 = await h.accounts.createGroup(owner!, 'second', [a!], MAX_MEMBERS);
      expect(g2.groupId).toBe(g1.groupId + 1); // precondition: ids are consecutive in a fresh store
      await d2.invalidateGroup(g2.groupId);
      hold.release();
      expect(await reading).toBeNull();
      expect(sortedIds(await d1.groupMembers(g2.groupId))).toEqual([owner, a]);
      expect(sortedIds(await d2.groupMembers(g2.groupId))).toEqual([owner, a]);
    });
  });
}
