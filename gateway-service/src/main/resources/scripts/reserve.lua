-- reserve: one atomic decision per order (DESIGN §3).
-- KEYS: meta, stock, seq, buyers, resv, idem (all of one sale, one hash slot)
-- ARGV: orderId, userId, quantity, idempotencyKey ('' when none), saleId
-- Returns {outcome, ...}:
--   {'ACCEPTED', orderId, eventJson, remainingStock}
--   {'DUPLICATE', orderId, eventJson or false}  an earlier request with this key won
--   {'NOT_FOUND'} | {'RECOVERING'} | {'NOT_ACTIVE', reason}
--   {'LIMIT_REACHED', unitsHeld, limit} | {'SOLD_OUT', remainingStock}

-- TIME is non-deterministic: replicate the effects, not the script (a no-op on Redis 7).
redis.replicate_commands()

local meta = redis.call('HMGET', KEYS[1], 'state', 'startsAt', 'endsAt', 'perUserLimit')
local state = meta[1]
if not state then
  return {'NOT_FOUND'}
end
if state == 'RECOVERING' then
  return {'RECOVERING'}
end

local orderId, userId, quantity, idemKey, saleId = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]

-- A repeat with the same key gets the first answer, whatever has happened to the sale since.
local idemField = userId .. ':' .. idemKey
if idemKey ~= '' then
  local earlier = redis.call('HGET', KEYS[6], idemField)
  if earlier then
    return {'DUPLICATE', earlier, redis.call('HGET', KEYS[5], earlier)}
  end
end

if state ~= 'ACTIVE' then
  return {'NOT_ACTIVE', state}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if now < tonumber(meta[2]) then
  return {'NOT_ACTIVE', 'NOT_STARTED'}
end
if now >= tonumber(meta[3]) then
  return {'NOT_ACTIVE', 'ENDED'}
end

local limit = tonumber(meta[4])
local held = tonumber(redis.call('HGET', KEYS[4], userId) or '0')
if held + quantity > limit then
  return {'LIMIT_REACHED', held, limit}
end
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < quantity then
  return {'SOLD_OUT', stock}
end

redis.call('DECRBY', KEYS[2], quantity)
local seq = redis.call('INCR', KEYS[3])
redis.call('HINCRBY', KEYS[4], userId, quantity)
local event = {schemaVersion = 1, orderId = orderId, saleId = saleId, userId = userId,
               quantity = quantity, seq = seq, acceptedAt = now, perUserLimit = limit}
if idemKey ~= '' then
  event.idempotencyKey = idemKey
  redis.call('HSET', KEYS[6], idemField, orderId)
end
local json = cjson.encode(event)
redis.call('HSET', KEYS[5], orderId, json)
return {'ACCEPTED', orderId, json, stock - quantity}
