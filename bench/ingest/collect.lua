-- wrk script for `bench/run ingest`: POST /collect with events nobody has sent before.
--   wrk ... -s bench/ingest/collect.lua URL -- SIZE IDS
-- SIZE 1 sends one event per request, SIZE > 1 a {"batch":[...]} of SIZE events. Every event is a
-- new visitor's page view. IDS says how its anonymousId and messageId are made:
--   snippet  version 7 UUIDs (the time in ms, then random bits), as lb.js makes them
--            (web/tracker/store.ts, docs/adr/0006-time-ordered-ids.md);
--   random   version 4 UUIDs, as many other Segment-style senders make them.
-- done() prints the acknowledged (2xx) responses and the events they acknowledged ("accepted"
-- from the body when present), read by bench/run.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } lb_timespec;
int clock_gettime(int clock, lb_timespec* now);
]]

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

-- Per-thread state; the counters are globals so that done() can read them with thread:get.
local size, ids = 1, "snippet"
acked, accepted, other = 0, 0, 0

function init(args)
  size = tonumber(args[1] or "1")
  ids = args[2] or "snippet"
  if ids ~= "snippet" and ids ~= "random" then error("IDS must be snippet or random, not " .. ids) end
  math.randomseed(os.time() * 1000 + id)
  acked = 0
  accepted = 0
  other = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local now = ffi.new("lb_timespec")
local CLOCK_REALTIME = 0

local function random_bits(bits) return math.random(0, 2 ^ bits - 1) end

-- A UUID whose first 48 bits are `high` (version 7: the time in ms) or random (version 4).
local function uuid()
  local version, high
  if ids == "snippet" then
    ffi.C.clock_gettime(CLOCK_REALTIME, now)
    version = 7
    high = tonumber(now.tv_sec) * 1000 + math.floor(tonumber(now.tv_nsec) / 1e6)
  else
    version = 4
    high = random_bits(16) * 2 ^ 32 + random_bits(32)
  end
  return string.format("%08x-%04x-%x%03x-%04x-%04x%08x", math.floor(high / 2 ^ 16), high % 2 ^ 16,
    version, random_bits(12), 0x8000 + random_bits(14), random_bits(16), random_bits(32))
end

local function event()
  return '{"type":"page","anonymousId":"' .. uuid() .. '","messageId":"' .. uuid() ..
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
