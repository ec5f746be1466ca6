-- wrk script for deploy/bench/exporter-push-modes.sh: every request POSTs one load-test result to the exporter.
-- BENCH_PATH: /addBatchWise (throughput) or /updateTotal (+1 per request, to count lost updates); BENCH_TESTID: the run.
local path = os.getenv("BENCH_PATH") or "/addBatchWise"
local testid = os.getenv("BENCH_TESTID") or "bench"
local bodies = {
  ["/addBatchWise"] = '{"total": 100, "failed": 2, "success": 98, "testid": "%s"}',
  ["/updateTotal"] = '{"totalReq": 1, "testid": "%s"}',
}

wrk.method = "POST"
wrk.path = path
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format(assert(bodies[path], "unsupported BENCH_PATH " .. path), testid)

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-result completed=%d non2xx=%d timeouts=%d socket_errors=%d\n",
    summary.requests, e.status, e.timeout, e.connect + e.read + e.write))
end
