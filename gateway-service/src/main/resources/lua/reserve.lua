-- reserve: one atomic decision per order (docs/design.md §3.2).
-- KEYS: meta, stock, seq, buyers, resv, idem, buyer bucket, address bucket (all of one sale, one hash slot)
-- ARGV: orderId, userId, quantity, idempotencyKey ('' when none), saleId,
--       buyer rate, buyer burst, address rate, address burst (requests a second; rate 0: no bucket)
-- Returns {outcome, ...}:
--   {'ACCEPTED', orderId, eventJson, remainingStock}
--   {'DUPLICATE', orderId, eventJson or false}  an earlier request with this key won
--   {'NOT_FOUND'} | {'RECOVERING'} | {'NOT_ACTIVE', reason}
--   {'LIMIT_REACHED', unitsHeld, limit} | {'SOLD_OUT', remainingStock}
--   {'RATE_LIMITED', millisUntilNextToken, 'buyer' or 'address'}  nothing else was read or written

-- TIME is non-deterministic: replicate the effects, not the script (a no-op on Redis 7).
redis.replicate_commands()

local meta = redis.call('HMGET', KEYS[1], 'state', 'startsAt', 'endsAt', 'perUserLimit', 'total')
local state = meta[1]
if not state then
  return {'NOT_FOUND'}
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

-- Token buckets shared by every gateway: one request, one token, whatever the request's outcome.
-- State 'tokens:lastMillis'; a bucket left alone refills and expires once full.
local function wait(key, rate, burst)
  local state = redis.call('GET', key)
  local tokens = burst
  if state then
    local sep = string.find(state, ':', 1, true)
    local last = tonumber(string.sub(state, sep + 1))
    tokens = math.min(burst, tonumber(string.sub(state, 1, sep - 1)) + math.max(0, now - last) * rate / 1000)
  end
  if tokens < 1 then
    return math.ceil((1 - tokens) * 1000 / rate)
  end
  return 0, tokens - 1
end
local buyerRate, buyerBurst = tonumber(ARGV[6]), tonumber(ARGV[7])
local addressRate, addressBurst = tonumber(ARGV[8]), tonumber(ARGV[9])
local buyerLeft, addressLeft
if buyerRate > 0 then
  local millis, left = wait(KEYS[7], buyerRate, buyerBurst)
  if millis > 0 then
    return {'RATE_LIMITED', millis, 'buyer'}
  end
  buyerLeft = left
end
if addressRate > 0 then
  local millis, left = wait(KEYS[8], addressRate, addressBurst)
  if millis > 0 then
    return {'RATE_LIMITED', millis, 'address'}
  end
  addressLeft = left
end
if buyerLeft then
  redis.call('SET', KEYS[7], buyerLeft .. ':' .. now, 'PX', math.ceil((buyerBurst - buyerLeft) * 1000 / buyerRate) + 1000)
end
if addressLeft then
  redis.call('SET', KEYS[8], addressLeft .. ':' .. now, 'PX',
      math.ceil((addressBurst - addressLeft) * 1000 / addressRate) + 1000)
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
               quantity = quantity, seq = seq, acceptedAt = now, perUserLimit = limit, saleTotal = tonumber(meta[5])}
if idemKey ~= '' then
  event.idempotencyKey = idemKey
  redis.call('HSET', KEYS[6], idemField, orderId)
end
local json = cjson.encode(event)
redis.call('HSET', KEYS[5], orderId, json)
return {'ACCEPTED', orderId, json, stock - quantity}
