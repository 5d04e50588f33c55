// The identity of the Redis process a Lua script runs in, for state that
// guards an invariant (DESIGN.md §4): Redis restarted empty, from an older
// RDB/AOF snapshot, or a promoted replica all answer another run_id, so a
// hash stamped with the run_id that validated it tells state written before
// such an event (not to be trusted) from state written since.

/** Lua prelude: sets the local `rid` to the server's run_id (INFO server, ~8 µs). */
export const REDIS_RUN_ID_LUA = "local rid = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')";
