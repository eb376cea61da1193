-- wrk script of ./flashsale bench: every request is an order of one unit, with the access token of a
-- buyer from the bench's pool (one token a line in TOKENS), each thread going through the pool from its
-- own place, so that consecutive requests are different buyers'. Answers are counted by status and, for
-- problems, by their type's slug; done() prints one JSON line that the bench parses.
-- usage: wrk -t THREADS -s orders.lua URL -- PREFIX TOKENS THREADS [METHOD]
-- METHOD: POST (an order, the default) or GET (the same headers, no body)

threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  prefix = args[1] or "bench"
  tokens = {}
  for line in io.lines(args[2]) do
    table.insert(tokens, "Bearer " .. line)
  end
  -- Spread the threads over the pool: thread n starts (n - 1)/threads of the way in.
  counter = math.floor(#tokens * (thread_number - 1) / math.max(1, tonumber(args[3]) or 1))
  outcomes = {}
  method = args[4] or "POST"
end

local body = '{"quantity":1}'

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  if method == "GET" then
    return wrk.format("GET", nil, { ["Authorization"] = token })
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = token }, body)
end

function response(status, headers, body)
  local outcome = tostring(status)
  local slug = body and body:match("urn:flashsale:problem:([%w%-]+)")
  if slug then
    outcome = outcome .. ":" .. slug
  end
  outcomes[outcome] = (outcomes[outcome] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for outcome, count in pairs(thread:get("outcomes")) do
      all[outcome] = (all[outcome] or 0) + count
    end
  end
  local parts = {}
  for outcome, count in pairs(all) do
    table.insert(parts, string.format('"%s":%d', outcome, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests":%d,"durationMicros":%d,"p50Micros":%d,"p99Micros":%d,"p999Micros":%d,'
      .. '"maxMicros":%d,"socketErrors":%d,"outcomes":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), latency.max,
    errors.connect + errors.read + errors.write + errors.timeout, table.concat(parts, ",")))
end
