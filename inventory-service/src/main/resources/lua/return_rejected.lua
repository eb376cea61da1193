-- Gives back the units of a reservation whose order the database refused (orders.rejected_orders),
-- exactly once: the HDEL of the reservation decides, so a second call changes nothing. seq is not
-- rewound, and the idempotency key stays: a retry with it gets the refused order, whose status says
-- REJECTED, rather than a new reservation the database would refuse again. buyers is left as it is:
-- the rejection proves the database already holds this user's units, so Redis must keep counting
-- them, or the gateway would accept (and the database refuse) the same user again and again.
-- An order refused past the sale's total gives back only the room the database has left (often 0): its
-- reservation is dropped, and buyers keeps its units too, as for a per-user refusal.
-- KEYS[1] resv, KEYS[2] stock
-- ARGV[1] order id, ARGV[2] units (0 or more)
-- Returns 1 when the units were given back, 0 when the reservation was already gone.
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then
    return 0
end
redis.call('INCRBY', KEYS[2], tonumber(ARGV[2]))
return 1
