// k6 load test of the events API: `k6 run loadtests/k6/events.ts` (k6 runs TypeScript directly).
// Settings come from the environment: BASE_URL, VUS, DURATION, and the SLO thresholds P95_MS and ERROR_RATE.
// The thresholds make k6 exit non-zero (99) when the run breaks the SLO.
import http from 'k6/http';
import { check } from 'k6';

const baseUrl = __ENV.BASE_URL ?? 'http://127.0.0.1:8080';
const accounts = Number(__ENV.ACCOUNTS ?? '100');

export const options = {
  vus: Number(__ENV.VUS ?? '10'),
  duration: __ENV.DURATION ?? '30s',
  thresholds: {
    http_req_duration: [`p(95)<${__ENV.P95_MS ?? '500'}`],
    http_req_failed: [`rate<${__ENV.ERROR_RATE ?? '0.01'}`],
    checks: ['rate>0.99'],
  },
};

export default function (): void {
  const n = Math.floor(Math.random() * 1_000_000_000);
  const body = JSON.stringify({
    type: n % 5 === 0 ? 'debit' : 'credit',
    accountId: `acc-${n % accounts}`,
    amount: (n % 1000) + 1,
  });
  const response = http.post(`${baseUrl}/events`, body, {
    headers: { 'content-type': 'application/json', 'idempotency-key': `k6-${__VU}-${__ITER}-${n}` },
    tags: { name: 'POST /events' },
  });
  check(response, { 'accepted (202)': (r) => r.status === 202 });
}
