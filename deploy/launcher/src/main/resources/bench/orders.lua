-- wrk script of ./flashsale bench: every request is an order of one unit by a user never seen
-- before (prefix, thread number, counter), so a sale large enough never refuses one for the
-- per-user limit. Answers are counted by status and, for problems, by their type's slug; done()
-- prints one JSON line that the bench parses.
-- usage: wrk -s orders.lua URL -- PREFIX

threads = {}
thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1] or "bench"
  counter = 0
  outcomes = {}
end

function request()
  counter = counter + 1
  local body = '{"userId":"' .. prefix .. "-" .. thread_number .. "-" .. counter .. '","quantity":1}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
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
