// The Person scenario of seed 001 (prometric's k6 script) against demo-api.
// The one copy of this script: the chart's k6 Job (or the k6-operator's runners, k6.runner=operator) mounts it from a
// ConfigMap, and deploy/k6/person-api.js is a symlink to it.
//
// Every scenario number lives in person-scenarios.json beside this script (the same ConfigMap carries it;
// deploy/k6/person-scenarios.json links to it), read with open() below; perf-stack's Java load runner reads the same
// file. Each of its scenarios is a k6 scenario (executor and parameters) plus the request name its requests are
// tagged with, which also picks the function below that sends it. This script only scales them:
//   SCALE multiplies duration, maxDuration and iterations; RATE multiplies rate and iterations.
// The file has five scenarios, the seed's: create (POST /person, shared iterations), update (PUT /person/{id},
// constant arrival rate), delete (DELETE /person/{id}, shared iterations), get (GET /person/{id}, constant arrival
// rate), list (GET /person/list, constant arrival rate); its description says which numbers come from where.
// Ids are drawn at random from 1..ID_RANGE (default: the scaled iterations of the scenario the file's idRange
// names, create), so some get/update/delete calls hit persons that are not created yet or already deleted: those
// 404s are expected (person_not_found_total counts them) and do not count as failed requests.
//
// Environment:
//   BASE_URL      demo-api, default http://localhost:7080
//   TESTID        run id: the testid tag of every metric and the exporter's run, default "local-<start time>"
//                 (k6 run --tag testid=... sets the tag as well; keep both equal)
//   SCALE         multiplies durations and iteration counts, default 1; 0.1 runs about a minute
//   RATE          multiplies arrival rates and iteration counts, default 1 (perf-stack's --rate); k6 takes whole
//                 iterations per timeUnit, so a scaled rate is rounded (and at least 1)
//   ID_RANGE      upper bound of the random ids, default the scaled create iterations
//   EXPORTER_URL  exporter-service; when set, handleSummary POSTs the run's totals to /pushMetrics (one segment of a
//                 distributed run posts its share under a run id of its own, see handleSummary)
//   EXPORTER_TOKEN  bearer token of the exporter's write endpoints, when it has one
//   SLO_FILE      the SLO thresholds as the chart renders them from its slo.endpoints (slo-thresholds.json beside this
//                 script in the k6 Job and the k6-operator's runners; see below); without it the run has no thresholds
//
// SLOs as k6 thresholds: for every endpoint of SLO_FILE, its request name's p(95) of http_req_duration within the
// endpoint's latencySeconds and its http_req_failed rate within the error budget 1 - objective; all requests'
// http_req_failed rate within maxFailedRatio. A breach makes k6 exit with 99: the exit code is the SLO verdict.
// k6 prints its own end-of-test summary (handleSummary only posts to the exporter and returns nothing, which keeps
// k6's summary; --summary-export writes the JSON one).
//
// Results in Prometheus by remote write (seed 004), next to the backend's own metrics, trends as native histograms:
//   K6_PROMETHEUS_RW_SERVER_URL=http://localhost:9090/api/v1/write \
//   K6_FEATURES=native-histograms K6_PROMETHEUS_RW_STALE_MARKERS=true \
//   k6 run -o experimental-prometheus-rw --tag testid=run-42 -e TESTID=run-42 person-api.js
// (k6 before 2.1: K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM=true instead of K6_FEATURES; k6 2.2 still honours that
// variable, with a warning.) Prometheus must run with its remote-write receiver on (--web.enable-remote-write-receiver) and
// native histograms enabled (--enable-feature=native-histograms; in kube-prometheus-stack:
// prometheus.prometheusSpec.enableRemoteWriteReceiver=true and enableFeatures [native-histograms]). The durations
// arrive as the native histogram k6_http_req_duration_seconds, labelled with testid, scenario and the request name
// below; the "Load generator results" dashboard reads them.
//
// The chart's thresholds for a run outside the cluster:
//   helm template x helm/perf-monitoring --set k6.enabled=true --show-only templates/k6-script.yaml \
//     | yq '.data["slo-thresholds.json"]' > /tmp/slo-thresholds.json
//   k6 run -e SLO_FILE=/tmp/slo-thresholds.json ... person-api.js
//
// Distributed (the k6-operator; by hand: k6 run --execution-segment 0:1/2 --execution-segment-sequence 0,1/2,1 on one
// machine and 1/2:1 on another): every k6 process runs this script unchanged, and k6 itself splits each scenario's
// VUs, iterations and arrival rate among the segments. Each process evaluates the thresholds on its own share.
//
// Short local run:  k6 run -e BASE_URL=http://localhost:7080 -e SCALE=0.1 person-api.js
import http from 'k6/http';
import exec from 'k6/execution';
import { check } from 'k6';

const SCENARIO_FILE = './person-scenarios.json';
const SCENARIO_DATA = JSON.parse(open(SCENARIO_FILE));
const SLO_DATA = __ENV.SLO_FILE ? JSON.parse(open(__ENV.SLO_FILE)) : null;

const BASE_URL = (__ENV.BASE_URL || 'http://localhost:7080').replace(/\/+$/, '');
const TESTID = __ENV.TESTID || `local-${new Date().toISOString().replace(/[:.]/g, '-')}`;
const SCALE = positiveNumber('SCALE', 1);
const RATE = positiveNumber('RATE', 1);

// The function that sends each request name the scenario file may use (each tags its requests with that name).
const EXEC_BY_REQUEST = {
  'POST /person': 'createPerson',
  'PUT /person/{id}': 'updatePerson',
  'DELETE /person/{id}': 'deletePerson',
  'GET /person/{id}': 'getPerson',
  'GET /person/list': 'listPersons',
};
// How SCALE and RATE change a k6 scenario parameter, by name; the file's other parameters are passed on as they are.
const SCALED_PARAMETERS = {
  duration: scaledDuration,
  maxDuration: scaledDuration,
  iterations: scaledCount,
  rate: scaledRate,
};

const SCENARIOS = scenarioOptions(SCENARIO_DATA.scenarios);
const ID_RANGE = Math.floor(positiveNumber('ID_RANGE', idRangeOf(SCENARIO_DATA.idRange)));
const LIST_PAGE_SIZE = SCENARIO_DATA.listPageSize;

const JSON_HEADERS = { headers: { 'Content-Type': 'application/json' } };
// 404 is an expected answer for a random id; anything else outside 2xx is a failure.
const FOUND_OR_NOT = http.expectedStatuses({ min: 200, max: 299 }, 404);

export const options = {
  tags: { testid: TESTID },
  scenarios: SCENARIOS,
  thresholds: SLO_DATA ? sloThresholds(SLO_DATA) : {},
};

export function createPerson() {
  const response = http.post(`${BASE_URL}/person`, JSON.stringify(randomPerson()),
    Object.assign({ tags: { name: 'POST /person' } }, JSON_HEADERS));
  check(response, { 'person created (201)': (r) => r.status === 201 });
}

export function updatePerson() {
  const response = http.put(`${BASE_URL}/person/${randomId()}`, JSON.stringify(randomPerson()),
    Object.assign({ tags: { name: 'PUT /person/{id}' }, responseCallback: FOUND_OR_NOT }, JSON_HEADERS));
  check(response, { 'person updated or unknown (200/404)': (r) => r.status === 200 || r.status === 404 });
}

export function deletePerson() {
  const response = http.del(`${BASE_URL}/person/${randomId()}`, null,
    { tags: { name: 'DELETE /person/{id}' }, responseCallback: FOUND_OR_NOT });
  check(response, { 'person deleted or unknown (204/404)': (r) => r.status === 204 || r.status === 404 });
}

export function getPerson() {
  const response = http.get(`${BASE_URL}/person/${randomId()}`,
    { tags: { name: 'GET /person/{id}' }, responseCallback: FOUND_OR_NOT });
  check(response, { 'person found or unknown (200/404)': (r) => r.status === 200 || r.status === 404 });
}

export function listPersons() {
  const start = Math.floor(Math.random() * ID_RANGE);
  const response = http.get(`${BASE_URL}/person/list?start=${start}&limit=${LIST_PAGE_SIZE}`,
    { tags: { name: 'GET /person/list' } });
  check(response, { 'list answered (200)': (r) => r.status === 200 });
}

// Posts the run's totals to the exporter ({total, failed, latency, RPS}; latency is the mean request duration in
// seconds) under this run's testid. Returns nothing, so k6 still prints its own end-of-test summary (and writes the
// JSON one with --summary-export): a handleSummary that returns an object replaces both.
// A k6 process that runs one execution segment of a distributed run (each k6-operator runner) summarizes its own
// share only, and /pushMetrics sets the exporter's totals rather than adding to them: so it posts under a run id of its
// own, <TESTID>-part-<n>-of-<N> (its segment's place in the segment sequence), instead of overwriting the others.
export function handleSummary(data) {
  const exporterUrl = (__ENV.EXPORTER_URL || '').replace(/\/+$/, '');
  if (exporterUrl) {
    const runId = exporterRunId(exec.test.options);
    const results = {
      total: metricValue(data, 'http_reqs', 'count'),
      failed: metricValue(data, 'http_req_failed', 'passes'),
      latency: metricValue(data, 'http_req_duration', 'avg') / 1000,
      RPS: metricValue(data, 'http_reqs', 'rate'),
    };
    const headers = { 'Content-Type': 'application/json' };
    if (__ENV.EXPORTER_TOKEN) {
      headers.Authorization = `Bearer ${__ENV.EXPORTER_TOKEN}`;
    }
    const response = http.post(`${exporterUrl}/pushMetrics?testid=${encodeURIComponent(runId)}`,
      JSON.stringify(results), { headers: headers, tags: { name: 'POST /pushMetrics' } });
    console.log(`results of ${runId} posted to the exporter: HTTP ${response.status} ${JSON.stringify(results)}`);
  }
  return undefined;
}

// The exporter's run id of this k6 process, from k6's consolidated options (exec.test.options, outside the init
// context only): TESTID for a whole run; for an execution segment such as "1/3:2/3" of the sequence "0,1/3,2/3,1",
// TESTID-part-2-of-3; for a segment without a sequence, TESTID-segment-1_3-2_3.
function exporterRunId(options) {
  const segment = options.executionSegment;
  if (!segment || segment === '0:1') {
    return TESTID;
  }
  const from = String(segment).split(':')[0];
  const bounds = options.executionSegmentSequence ? String(options.executionSegmentSequence).split(',') : [];
  const part = bounds.indexOf(from);
  if (part >= 0 && part < bounds.length - 1) {
    return `${TESTID}-part-${part + 1}-of-${bounds.length - 1}`;
  }
  return `${TESTID}-segment-${String(segment).replace(/\//g, '_').replace(':', '-')}`;
}

function metricValue(data, metric, field) {
  const values = data.metrics[metric] ? data.metrics[metric].values : undefined;
  return values && typeof values[field] === 'number' ? values[field] : 0;
}

// k6 thresholds from the SLO file the chart renders from slo.endpoints: per request name the p(95) of
// http_req_duration (milliseconds in k6) at most latencySeconds and the http_req_failed rate at most 1 - objective,
// over all requests the http_req_failed rate at most maxFailedRatio. The sub-metric selector {name:...} takes the
// request name as it is, braces included (k6 cuts it at the first '{' and the last '}').
function sloThresholds(slo) {
  const thresholds = { http_req_failed: [`rate<=${decimal(slo.maxFailedRatio)}`] };
  for (const endpoint of slo.endpoints) {
    thresholds[`http_req_duration{name:${endpoint.request}}`] = [`p(95)<=${decimal(endpoint.latencySeconds * 1000)}`];
    thresholds[`http_req_failed{name:${endpoint.request}}`] = [`rate<=${decimal(1 - endpoint.objective)}`];
  }
  return thresholds;
}

// A number without binary noise (0.3 * 1000 is 300, 1 - 0.99 is 0.01).
function decimal(value) {
  return Number(value.toPrecision(12));
}

function randomPerson() {
  const n = Math.floor(Math.random() * 1e9);
  return {
    first_name: `First${n}`,
    last_name: `Last${n}`,
    email: `person${n}@example.com`,
    address: `${n % 1000} Load Test Street`,
  };
}

function randomId() {
  return 1 + Math.floor(Math.random() * ID_RANGE);
}

function positiveNumber(name, fallback) {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!(value > 0)) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

// options.scenarios from the file's scenarios: each k6 scenario with its exec function and scaled parameters.
function scenarioOptions(scenarios) {
  const result = {};
  for (const [name, scenario] of Object.entries(scenarios)) {
    const exec = EXEC_BY_REQUEST[scenario.request];
    if (!exec) {
      throw new Error(`scenario ${name} of ${SCENARIO_FILE}: unknown request "${scenario.request}"`);
    }
    const k6Scenario = { exec: exec };
    for (const [key, value] of Object.entries(scenario)) {
      if (key !== 'request') {
        k6Scenario[key] = SCALED_PARAMETERS[key] ? SCALED_PARAMETERS[key](value) : value;
      }
    }
    // k6 refuses fewer shared iterations than VUs (shared_iterations.go, Validate): a scaled-down count gets fewer VUs.
    if (k6Scenario.vus > k6Scenario.iterations) {
      k6Scenario.vus = k6Scenario.iterations;
    }
    result[name] = k6Scenario;
  }
  return result;
}

// The upper bound of the random ids: the scaled iterations of the scenario the file names.
function idRangeOf(rule) {
  const scenario = SCENARIOS[rule.iterationsOf];
  if (!scenario || !(scenario.iterations > 0)) {
    throw new Error(`idRange of ${SCENARIO_FILE}: "${rule.iterationsOf}" is no scenario with iterations`);
  }
  return scenario.iterations;
}

function scaledCount(count) {
  return Math.max(1, Math.round(count * SCALE * RATE));
}

function scaledRate(rate) {
  return Math.max(1, Math.round(rate * RATE));
}

function scaledDuration(duration) {
  return `${Math.max(1, Math.round(durationSeconds(duration) * SCALE))}s`;
}

// Seconds of a k6 duration such as "10m", "1m30s" or "500ms".
function durationSeconds(duration) {
  const units = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const text = String(duration);
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) {
    throw new Error(`${SCENARIO_FILE}: "${text}" is not a k6 duration`);
  }
  const part = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let seconds = 0;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    const [, amount, unit] = match;
    seconds += Number(amount) * units[unit];
  }
  return seconds;
}
