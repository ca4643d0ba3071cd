-- wrk script of the webhook benchmarks: posts the pre-signed deliveries of a file written by
-- bench/SignedBodies.java (each thread takes every Nth line, so no delivery is sent twice), counts
-- the 202 answers, writes each accepted delivery id to ID_FILE-<thread> (to check afterwards that every
-- one is in the database), and prints "accepted=<n> other=<n> unanswered=<n>" at the end
-- (unanswered: requests still in flight when wrk stopped; the service may have stored them).
-- usage: wrk -t T -c C -d D -s bench/webhook.lua URL -- BODIES_FILE T ID_FILE
local threads = {}
local signatures, bodies = {}, {}
local next_item = 0
accepted, other, sent = 0, 0, 0
local ids

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count, n = tonumber(args[2]), 0
  for line in io.lines(args[1]) do
    if n % count == index then
      local tab = line:find("\t", 1, true)
      table.insert(signatures, line:sub(1, tab - 1))
      table.insert(bodies, line:sub(tab + 1))
    end
    n = n + 1
  end
  ids = io.open(args[3] .. "-" .. index, "w")
  ids:setvbuf("line") -- nothing left in a buffer when wrk exits
end

function request()
  next_item = next_item + 1
  sent = next_item
  local i = (next_item - 1) % #bodies + 1 -- wraps only if the file was too short: repeats then answer 200
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Hub-Signature"] = signatures[i] }, bodies[i])
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
    ids:write(body:match('"deliveryId":"([^"]+)"'), "\n")
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, o, s = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
    s = s + t:get("sent")
  end
  io.write(string.format("accepted=%d other=%d unanswered=%d\n", a, o, s - a - o))
end
