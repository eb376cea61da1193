-- Gives back the units of a reservation whose order the database refused (orders.rejected_orders),
-- exactly once: the HDEL of the reservation decides, so a second call changes nothing. seq is not
-- rewound, and the idempotency key stays: a retry with it gets the refused order, whose status says
-- REJECTED, rather than a new reservation the database would refuse again.
-- KEYS[1] resv, KEYS[2] stock, KEYS[3] buyers
-- ARGV[1] order id, ARGV[2] user id, ARGV[3] units
-- Returns 1 when the units were given back, 0 when the reservation was already gone.
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then
    return 0
end
local units = tonumber(ARGV[3])
redis.call('INCRBY', KEYS[2], units)
if redis.call('HINCRBY', KEYS[3], ARGV[2], -units) <= 0 then
    redis.call('HDEL', KEYS[3], ARGV[2])
end
return 1
