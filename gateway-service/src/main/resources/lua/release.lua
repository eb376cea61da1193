-- release: undo a reservation whose order was never handed to Kafka (docs/design.md §7.1).
-- KEYS: meta, stock, seq, buyers, resv, idem
-- ARGV: orderId, userId, quantity, idempotencyKey ('' when none)
-- Returns 1 when released, 0 when the reservation was no longer there (nothing changed).
-- seq is not rewound: it orders reservations, and a gap is harmless to reconciliation.
if redis.call('HDEL', KEYS[5], ARGV[1]) == 0 then
  return 0
end
redis.call('INCRBY', KEYS[2], ARGV[3])
if redis.call('HINCRBY', KEYS[4], ARGV[2], -tonumber(ARGV[3])) <= 0 then
  redis.call('HDEL', KEYS[4], ARGV[2])
end
if ARGV[4] ~= '' then
  redis.call('HDEL', KEYS[6], ARGV[2] .. ':' .. ARGV[4])
end
return 1
