-- One atomic view of a sale for reconciliation: nothing can be reserved between these reads.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] seq, KEYS[4] resv
-- ARGV[1] the meta field holding the state
-- Returns {meta exists (0/1), state or nil, stock or nil, seq or nil, resv as field/value list,
--          Redis time in epoch ms (the clock acceptedAt was taken from)}
local time = redis.call('TIME')
return {
    redis.call('EXISTS', KEYS[1]),
    redis.call('HGET', KEYS[1], ARGV[1]),
    redis.call('GET', KEYS[2]),
    redis.call('GET', KEYS[3]),
    redis.call('HGETALL', KEYS[4]),
    tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
}
