// The AccountStore contract (src/store/account-store.ts) for every database
// it runs on: users, friends and groups, the AccountError codes the HTTP API
// maps to 4xx, and atomicity (a failed call leaves nothing behind).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError, type AccountErrorCode, type AccountStore } from '../../src/store/account-store.js';

/** Opens a store on a fresh database; the returned function closes it and drops the database. */
export type AccountStoreFactory = () => Promise<[AccountStore, () => Promise<void>]>;

async function fails(p: Promise<unknown>, code: AccountErrorCode): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AccountError);
  expect((err as AccountError).code).toBe(code);
}

export function accountStoreContract(name: string, open: AccountStoreFactory): void {
  describe(`AccountStore contract: ${name}`, () => {
    let store: AccountStore;
    let done: () => Promise<void>;
    beforeEach(async () => {
      [store, done] = await open();
    });
    afterEach(async () => {
      await done();
    });

    const users = async (n: number, tag = 'u') => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(await store.createUser(`${tag}${i}`, `Nick ${tag}${i}`, `hash-${tag}${i}`));
      return out;
    };

    it('creates users with increasing ids below 2^53, finds them by name and id, refuses a taken name', async () => {
      const [a, b] = await users(2);
      expect(b!.userId).toBeGreaterThan(a!.userId);
      expect(Number.isSafeInteger(b!.userId)).toBe(true);
      expect(await store.getUser(a!.userId)).toEqual({ userId: a!.userId, username: 'u0', nickname: 'Nick u0' });
      expect(await store.findByUsername('u1')).toEqual({ ...b, passwordHash: 'hash-u1' });
      expect(await store.findByUsername('nobody')).toBeNull();
      expect(await store.getUser(b!.userId + 1000)).toBeNull();
      await fails(store.createUser('u0', 'again', 'h'), 'username_taken');
      expect([...(await store.existingUsers([a!.userId, b!.userId + 1000, b!.userId]))].sort((x, y) => x - y)).toEqual([a!.userId, b!.userId]);
      expect(await store.existingUsers([])).toEqual(new Set());
    });

    it('friendship goes both ways, once; unknown users are refused and nothing is written', async () => {
      const [a, b, c] = await users(3);
      await store.addFriend(a!.userId, b!.userId);
      expect((await store.listFriends(a!.userId)).map((u) => u.userId)).toEqual([b!.userId]);
      expect((await store.listFriends(b!.userId)).map((u) => u.userId)).toEqual([a!.userId]);
      await fails(store.addFriend(b!.userId, a!.userId), 'already_friends');
      await fails(store.addFriend(c!.userId, c!.userId + 1000), 'user_not_found');
      expect(await store.listFriends(c!.userId)).toEqual([]);
    });

    it('groups: owner and members ascending, members added once, the size limit holds for create and add, removal of a non-member refused', async () => {
      const [o, a, b, c] = await users(4);
      const g = await store.createGroup(o!.userId, 'team', [b!.userId, a!.userId], 3);
      expect(g).toMatchObject({ name: 'team', ownerId: o!.userId });
      expect(g.memberIds).toEqual([o!.userId, a!.userId, b!.userId].sort((x, y) => x - y));
      expect(await store.getGroup(g.groupId)).toEqual(g);
      await fails(store.addMembers(g.groupId, [c!.userId], 3), 'group_full');
      expect((await store.getGroup(g.groupId))!.memberIds).toEqual(g.memberIds);
      expect(await store.addMembers(g.groupId, [a!.userId, c!.userId], 4)).toEqual([o!.userId, a!.userId, b!.userId, c!.userId].sort((x, y) => x - y));
      await store.removeMember(g.groupId, a!.userId);
      expect((await store.getGroup(g.groupId))!.memberIds).not.toContain(a!.userId);
      await fails(store.removeMember(g.groupId, a!.userId), 'not_member');
      await fails(store.createGroup(o!.userId, 'big', [a!.userId, b!.userId, c!.userId], 3), 'group_full');
    });

    it('a group call that fails on one unknown user writes nothing (atomic)', async () => {
      const [o, a] = await users(2);
      await fails(store.createGroup(o!.userId, 'g', [a!.userId, a!.userId + 1000], 10), 'user_not_found');
      const g = await store.createGroup(o!.userId, 'g2', [], 10);
      await fails(store.addMembers(g.groupId, [a!.userId, a!.userId + 1000], 10), 'user_not_found');
      expect((await store.getGroup(g.groupId))!.memberIds).toEqual([o!.userId]);
      await fails(store.addMembers(g.groupId + 1000, [a!.userId], 10), 'group_not_found');
      await fails(store.removeMember(g.groupId + 1000, a!.userId), 'group_not_found');
      expect(await store.getGroup(g.groupId + 1000)).toBeNull();
    });

    it('concurrent registrations of one name: exactly one wins, the others get username_taken', async () => {
      const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => store.createUser('race', `n${i}`, 'h')));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as AccountError).code).toBe('username_taken');
    });

    describe('searchUsers', () => {
      const named = async (...names: string[]) => {
        for (const n of names) await store.createUser(n, `Nick ${n}`, 'h');
      };
      const search = async (prefix: string, limit = 20) => (await store.searchUsers(prefix, limit)).map((u) => u.username);

      it('answers the users whose name starts with the prefix, as records, by username ascending', async () => {
        await named('alina', 'bob', 'alice', 'xal', 'albert', 'al');
        expect(await search('al')).toEqual(['al', 'albert', 'alice', 'alina']);
        expect(await search('ali')).toEqual(['alice', 'alina']);
        expect(await search('alice')).toEqual(['alice']);
        const bob = await store.findByUsername('bob');
        expect(await store.searchUsers('bo', 20)).toEqual([{ userId: bob!.userId, username: 'bob', nickname: 'Nick bob' }]);
      });

      it('is case-insensitive both ways and answers names as stored', async () => {
        await named('AlFred', 'alfa', 'ALBA', 'bob');
        expect(await search('al')).toEqual(['ALBA', 'alfa', 'AlFred']);
        expect(await search('AL')).toEqual(['ALBA', 'alfa', 'AlFred']);
        expect(await search('aLfR')).toEqual(['AlFred']);
        expect(await search('alb')).toEqual(['ALBA']);
      });

      it('orders case-insensitively, shorter name first on a common head, digits before letters', async () => {
        await named('beta3', 'Beta2', 'bEta10', 'BETAa', 'beta1', 'betB');
        expect(await search('bet')).toEqual(['beta1', 'bEta10', 'Beta2', 'beta3', 'BETAa', 'betB']);
      });

      it('answers at most `limit` of more matches: the first ones in order', async () => {
        const names = Array.from({ length: 25 }, (_, i) => `many${String(i).padStart(2, '0')}`);
        await named(...[...names].reverse(), 'other');
        expect(await search('many')).toEqual(names.slice(0, 20));
        expect(await search('MANY', 3)).toEqual(names.slice(0, 3));
        expect(await search('many2', 20)).toEqual(['many20', 'many21', 'many22', 'many23', 'many24']);
        await expect(store.searchUsers('many', 0)).rejects.toThrow(RangeError);
      });

      it('matches %, _ and the escape character literally, never as wildcards', async () => {
        await named('we_z', 'wexy', 'we%q', 'we!a', 'wea', 'w_e');
        expect(await search('we_')).toEqual(['we_z']);
        expect(await search('we%')).toEqual(['we%q']);
        expect(await search('we!')).toEqual(['we!a']);
        expect(await search('w_')).toEqual(['w_e']);
        expect(await search('%')).toEqual([]);
        expect(await search('_')).toEqual([]);
        expect(new Set(await search('we'))).toEqual(new Set(['we_z', 'wexy', 'we%q', 'we!a', 'wea']));
      });

      it('no match is an empty list', async () => {
        await named('alice', 'bob');
        expect(await search('zz')).toEqual([]);
        expect(await search('alicex')).toEqual([]);
        expect(await search('lic')).toEqual([]);
      });
    });
  });
}
