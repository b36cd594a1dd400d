-- wrk script for `bench/run ingest`: POST /collect with events nobody has sent before.
--   wrk ... -s bench/ingest/collect.lua URL -- TAG SIZE
-- TAG keeps messageIds of different runs apart; SIZE 1 sends one event per request, SIZE > 1 a
-- {"batch":[...]} of SIZE events. Every thread counts its own events (thread id + counter), so
-- nothing is deduplicated. done() prints the acknowledged (2xx) responses and the events they
-- acknowledged ("accepted" from the body when present), read by bench/run.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

-- Per-thread state; the counters are globals so that done() can read them with thread:get.
local tag, size, counter = "run", 1, 0
acked, accepted, other = 0, 0, 0

function init(args)
  tag = args[1] or "run"
  size = tonumber(args[2] or "1")
  counter = 0
  acked = 0
  accepted = 0
  other = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function event()
  counter = counter + 1
  local n = string.format("%s-%d-%d", tag, id, counter)
  return '{"type":"page","anonymousId":"a-' .. n .. '","messageId":"m-' .. n ..
    '","context":{"page":{"url":"https://x.dk/p"}}}'
end

function request()
  local body
  if size == 1 then
    body = event()
  else
    local events = {}
    for i = 1, size do events[i] = event() end
    body = '{"batch":[' .. table.concat(events, ",") .. ']}'
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    acked = acked + 1
    local n = body and string.match(body, '"accepted":(%d+)')
    if n then accepted = accepted + tonumber(n) else accepted = accepted + size end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, e, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("acked")
    e = e + thread:get("accepted")
    o = o + thread:get("other")
  end
  io.write(string.format("ACKED responses=%d events=%d non2xx=%d\n", a, e, o))
  io.write(string.format("LATENCY p50_ms=%.3f p99_ms=%.3f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
