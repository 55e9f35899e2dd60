-- Load script of the benchmark (mvn -Pbench verify); LoadBenchmark starts wrk with it, on loopback only.
--
-- Every request is a delivery with its own token: each wrk thread reads tokens, one a line, from its own
-- file, signed before the run. Arguments after "--":
--   path       the endpoint, for example /webhook or /noop
--   body       the file holding the body every token was signed for
--   tokens     the token files' common prefix; thread n reads <tokens><n>.tok
--   first      the line each thread starts at
--   limit      how many requests each thread sends at most; it stops by itself after that many
--   cycle      "cycle" to start the file over at its end, "once" to stop there
-- done() prints one RESULT line (latencies in microseconds) and one THREAD line per thread.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   local path, body_file, prefix = args[1], args[2], args[3]
   first, limit, cycle = tonumber(args[4]), tonumber(args[5]), args[6] == "cycle"
   local b = assert(io.open(body_file, "rb"))
   local body = b:read("*a")
   b:close()
   file = assert(io.open(prefix .. id .. ".tok", "rb"))
   width = #file:read("*l") + 1
   file:seek("set", first * width)
   head = "POST " .. path .. " HTTP/1.1\r\n"
      .. "Host: " .. wrk.host .. ":" .. wrk.port .. "\r\n"
      .. "Content-Type: application/json\r\n"
      .. "Content-Length: " .. #body .. "\r\n"
      .. "Authorization: Bearer "
   tail = "\r\n\r\n" .. body
   sent, wrapped, exhausted, limited = 0, 0, 0, 0
end

function request()
   local token = file:read("*l")
   if token == nil then
      if cycle then
         wrapped = wrapped + 1
         file:seek("set", 0)
         token = file:read("*l")
      else
         exhausted = 1
      end
   end
   sent = sent + 1
   if sent >= limit then
      limited = 1
   end
   if exhausted == 1 or limited == 1 then
      wrk.thread:stop()
   end
   if token == nil then
      token = "exhausted"
   end
   return head .. token .. tail
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%.1f max_us=%d "
      .. "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
      latency.max, e.status, e.connect, e.read, e.write, e.timeout))
   for _, thread in ipairs(threads) do
      io.write(string.format("THREAD id=%d sent=%d wrapped=%d exhausted=%d limited=%d\n",
         thread:get("id"), thread:get("sent"), thread:get("wrapped"), thread:get("exhausted"), thread:get("limited")))
   end
end
