-- Warms a new sale: never overwrites live counters, so a repeated warm-up cannot resell units.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] seq
-- ARGV[1] total stock, ARGV[2..] meta field/value pairs
redis.call('SET', KEYS[2], ARGV[1], 'NX')
redis.call('SET', KEYS[3], '0', 'NX')
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return 1
