// The Lua scripts of RedisPresence (presence-redis.ts). A device entry is
// "<addr>|<expires ms>" in the user's hash; marks are a sorted set
// (user -> expiry ms); last_seen a hash (user -> ms); which users each
// worker address held, a sorted set per address (user -> last write ms).
// Each script is one
// atomic step of the Presence contract; `now` is the caller's clock.

/** Live: an entry whose expiry is not before now. (Helper prepended to the scripts that need it.) */
const HAS_LIVE = `
local function has_live(key, now)
  local h = redis.call('HGETALL', key)
  for i = 2, #h, 2 do
    local exp = tonumber(string.match(h[i], '|(%d+)$'))
    if exp and exp >= now then return true end
  end
  return false
end
`;

/** KEYS: device hash, seen hash. ARGV: device, addr, user, now. Deletes only the entry at addr; records last_seen. */
export const REMOVE = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v and string.sub(v, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  local seen = tonumber(redis.call('HGET', KEYS[2], ARGV[3]) or '0')
  if tonumber(ARGV[4]) > seen then redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) end
end
return 1`;

/** KEYS: marks. ARGV: now, new expiry, users. Extends the users' live marks (an expired one stays expired). */
export const EXTEND = `
local now, exp = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = 3, #ARGV do
  local s = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[i]) or '-1')
  if s >= now and s < exp then redis.call('ZADD', KEYS[1], exp, ARGV[i]) end
end
return 1`;

/** KEYS: marks. ARGV: user, new expiry, now. 1 iff the user had no live mark. */
export const MARK_ONLINE = `
local s = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '-1')
local exp = tonumber(ARGV[2])
if s >= tonumber(ARGV[3]) then
  if exp > s then redis.call('ZADD', KEYS[1], exp, ARGV[1]) end
  return 0
end
redis.call('ZADD', KEYS[1], exp, ARGV[1])
return 1`;

/** KEYS: device hash, marks, seen hash. ARGV: user, now, quietSince. last_seen (> 0) if it cleared the mark, else 0. */
export const MARK_OFFLINE =
  HAS_LIVE +
  `
local now = tonumber(ARGV[2])
local s = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]) or '-1')
if s < now or has_live(KEYS[1], now) then return 0 end
local seen = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if seen > tonumber(ARGV[3]) then return 0 end
if seen == 0 then
  seen = tonumber(ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
end
redis.call('ZREM', KEYS[2], ARGV[1])
return seen`;

/**
 * KEYS: n device hashes, marks, seen hash. ARGV: now, ttl, n users.
 * Clears the expired marks of users with no live device: [user, last_seen, …].
 */
export const SWEEP =
  HAS_LIVE +
  `
local n = #KEYS - 2
local marks, seenKey = KEYS[n + 1], KEYS[n + 2]
local now, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
for i = 1, n do
  local user = ARGV[i + 2]
  local s = tonumber(redis.call('ZSCORE', marks, user) or '-1')
  if s >= 0 and s < now and not has_live(KEYS[i], now) then
    redis.call('ZREM', marks, user)
    local seen = math.max(tonumber(redis.call('HGET', seenKey, user) or '0'), s - ttl)
    redis.call('HSET', seenKey, user, string.format('%d', seen))
    out[#out + 1] = user
    out[#out + 1] = string.format('%d', seen)
  end
end
return out`;

/** KEYS: n device hashes, marks, seen hash. ARGV: now, n users. ['1'|'0', last_seen, …] per user. */
export const STATUS =
  HAS_LIVE +
  `
local n = #KEYS - 2
local marks, seenKey = KEYS[n + 1], KEYS[n + 2]
local now = tonumber(ARGV[1])
local out = {}
for i = 1, n do
  local user = ARGV[i + 1]
  local s = tonumber(redis.call('ZSCORE', marks, user) or '-1')
  local online = s >= now or has_live(KEYS[i], now)
  out[#out + 1] = online and '1' or '0'
  out[#out + 1] = redis.call('HGET', seenKey, user) or '0'
end
return out`;


/**
 * KEYS: n device hashes, marks, seen hash, the address's index. ARGV: now,
 * before, addr, n users. For each user the index has as written before
 * `before`: deletes its entries at addr written before then (expiry - ttl
 * < before, i.e. expiry < before + ttl: ARGV cutoff), drops it from the
 * index, and if it has a mark and no live device left, clears the mark:
 * [user, last_seen, …], last_seen the later of the recorded one and the
 * index's last write.
 */
export const EVICT =
  HAS_LIVE +
  `
local n = #KEYS - 3
local marks, seenKey, index = KEYS[n + 1], KEYS[n + 2], KEYS[n + 3]
local now, before, cutoff, addr = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local out = {}
for i = 1, n do
  local user = ARGV[i + 4]
  local wrote = tonumber(redis.call('ZSCORE', index, user) or '-1')
  if wrote >= 0 and wrote < before then
    redis.call('ZREM', index, user)
    local h = redis.call('HGETALL', KEYS[i])
    for f = 1, #h, 2 do
      local a, exp = string.match(h[f + 1], '^(.*)|(%d+)$')
      if a == addr and tonumber(exp) < cutoff then redis.call('HDEL', KEYS[i], h[f]) end
    end
    if redis.call('ZSCORE', marks, user) and not has_live(KEYS[i], now) then
      redis.call('ZREM', marks, user)
      local seen = math.max(tonumber(redis.call('HGET', seenKey, user) or '0'), wrote)
      redis.call('HSET', seenKey, user, string.format('%d', seen))
      out[#out + 1] = user
      out[#out + 1] = string.format('%d', seen)
    end
  end
end
return out`;
