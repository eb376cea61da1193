-- Sets a sale's state unless a rebuild owns it (the rebuild restores the state from the database)
-- or the sale's meta is gone (the rebuild recreates it); a partial meta would confuse the gateway.
-- KEYS[1] meta
-- ARGV[1] the meta field holding the state, ARGV[2] the state that blocks changes, ARGV[3] the new state
-- Returns the state Redis holds afterwards, or nil when there is no meta.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current or current == ARGV[2] then
    return current
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return ARGV[3]
