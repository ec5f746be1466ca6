// The Person scenario of seed 001 (prometric's k6 script) against demo-api.
// The one copy of this script: the chart's k6 Job mounts it from a ConfigMap, and deploy/k6/person-api.js is a
// symlink to it.
//
// Five scenarios run together (durations and iteration counts multiplied by SCALE):
//   create  50 VUs share 50 000 iterations of POST /person (maxDuration 10m)
//   update  PUT /person/{id} at 5/s for 2m (at most 5 VUs)
//   delete  2 VUs share 500 iterations of DELETE /person/{id} (maxDuration 10m)
//   get     GET /person/{id} of a random id at 20/s for 10m (at most 10 VUs)
//   list    GET /person/list at 10/s for 10m (at most 5 VUs)
// Ids are drawn at random from 1..ID_RANGE (default: the create iterations), so some get/update/delete calls hit
// persons that are not created yet or already deleted: those 404s are expected (person_not_found_total counts them)
// and do not count as failed requests.
//
// Environment:
//   BASE_URL      demo-api, default http://localhost:7080
//   TESTID        run id: the testid tag of every metric and the exporter's run, default "local-<start time>"
//                 (k6 run --tag testid=... sets the tag as well; keep both equal)
//   SCALE         multiplies durations and iteration counts, default 1; 0.1 runs about a minute
//   ID_RANGE      upper bound of the random ids, default the scaled create iterations
//   EXPORTER_URL  exporter-service; when set, handleSummary POSTs the run's totals to /pushMetrics
//   EXPORTER_TOKEN  bearer token of the exporter's write endpoints, when it has one
//
// Results in Prometheus by remote write (seed 004), next to the backend's own metrics:
//   K6_PROMETHEUS_RW_SERVER_URL=http://localhost:9090/api/v1/write \
//   K6_PROMETHEUS_RW_TREND_STATS='p(50),p(95),p(99),avg,min,max' \
//   k6 run -o experimental-prometheus-rw --tag testid=run-42 -e TESTID=run-42 person-api.js
// Prometheus must run with its remote-write receiver on (--web.enable-remote-write-receiver; in
// kube-prometheus-stack: prometheus.prometheusSpec.enableRemoteWriteReceiver=true). The trend stats arrive as
// k6_http_req_duration_p95 and friends, labelled with testid, scenario and the request name below.
//
// Short local run:  k6 run -e BASE_URL=http://localhost:7080 -e SCALE=0.1 person-api.js
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = (__ENV.BASE_URL || 'http://localhost:7080').replace(/\/+$/, '');
const TESTID = __ENV.TESTID || `local-${new Date().toISOString().replace(/[:.]/g, '-')}`;
const SCALE = positiveNumber('SCALE', 1);
const CREATE_ITERATIONS = scaledCount(50000);
const ID_RANGE = Math.floor(positiveNumber('ID_RANGE', CREATE_ITERATIONS));

const JSON_HEADERS = { headers: { 'Content-Type': 'application/json' } };
// 404 is an expected answer for a random id; anything else outside 2xx is a failure.
const FOUND_OR_NOT = http.expectedStatuses({ min: 200, max: 299 }, 404);

export const options = {
  tags: { testid: TESTID },
  scenarios: {
    create: {
      executor: 'shared-iterations',
      exec: 'createPerson',
      vus: 50,
      iterations: CREATE_ITERATIONS,
      maxDuration: scaledDuration(600),
    },
    update: {
      executor: 'constant-arrival-rate',
      exec: 'updatePerson',
      rate: 5,
      timeUnit: '1s',
      duration: scaledDuration(120),
      preAllocatedVUs: 5,
      maxVUs: 5,
    },
    delete: {
      executor: 'shared-iterations',
      exec: 'deletePerson',
      vus: 2,
      iterations: scaledCount(500),
      maxDuration: scaledDuration(600),
    },
    get: {
      executor: 'constant-arrival-rate',
      exec: 'getPerson',
      rate: 20,
      timeUnit: '1s',
      duration: scaledDuration(600),
      preAllocatedVUs: 10,
      maxVUs: 10,
    },
    list: {
      executor: 'constant-arrival-rate',
      exec: 'listPersons',
      rate: 10,
      timeUnit: '1s',
      duration: scaledDuration(600),
      preAllocatedVUs: 5,
      maxVUs: 5,
    },
  },
  // Informational thresholds (the SLO verdict comes from Prometheus's recording rules).
  thresholds: {
    http_req_failed: ['rate<0.05'],
  },
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
  const response = http.get(`${BASE_URL}/person/list?start=${start}&limit=20`,
    { tags: { name: 'GET /person/list' } });
  check(response, { 'list answered (200)': (r) => r.status === 200 });
}

// Posts the run's totals to the exporter ({total, failed, latency, RPS}; latency is the mean request duration in
// seconds) under this run's testid, then prints k6's usual end-of-test summary.
export function handleSummary(data) {
  const exporterUrl = (__ENV.EXPORTER_URL || '').replace(/\/+$/, '');
  if (exporterUrl) {
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
    const response = http.post(`${exporterUrl}/pushMetrics?testid=${encodeURIComponent(TESTID)}`,
      JSON.stringify(results), { headers: headers, tags: { name: 'POST /pushMetrics' } });
    console.log(`results of ${TESTID} posted to the exporter: HTTP ${response.status} ${JSON.stringify(results)}`);
  }
  return { stdout: textSummary(data) };
}

function metricValue(data, metric, field) {
  const values = data.metrics[metric] ? data.metrics[metric].values : undefined;
  return values && typeof values[field] === 'number' ? values[field] : 0;
}

// A short plain-text summary (k6's own text summary lives in a remote jslib module, which a cluster without
// internet access cannot load).
function textSummary(data) {
  const lines = [`testid ${TESTID}`];
  for (const name of ['http_reqs', 'http_req_failed', 'http_req_duration', 'checks', 'iterations']) {
    const metric = data.metrics[name];
    if (metric) {
      const values = Object.entries(metric.values)
        .map(([key, value]) => `${key}=${Number.isInteger(value) ? value : value.toFixed(3)}`)
        .join(' ');
      lines.push(`${name}: ${values}`);
    }
  }
  return `${lines.join('\n')}\n`;
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

function scaledCount(count) {
  return Math.max(1, Math.round(count * SCALE));
}

function scaledDuration(seconds) {
  return `${Math.max(1, Math.round(seconds * SCALE))}s`;
}
