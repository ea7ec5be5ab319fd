// Benchmarks of @mm-orch/alerts, run against the built package:
//   pnpm --filter @mm-orch/alerts build && pnpm --filter @mm-orch/alerts bench
// 1. Alerts routed and grouped per second, against a raw loop that only
//    fingerprints the labels and stores them in a Map.
// 2. Delivery latency of a healthy webhook while another webhook hangs,
//    against the same router without the hanging one and a raw fetch().
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import os from 'node:os';
import { AlertRouter, MemoryDestination } from '../dist/index.js';

const ALERTS = 100_000;
const DISTINCT_SERIES = 1_000;
const REPEATS = 5;
const LATENCY_SAMPLES = 300;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function makeAlerts(distinctSeries) {
  const services = ['api', 'web', 'db', 'cache'];
  return Array.from({ length: ALERTS }, (_, i) => ({
    name: `Alert${i % 20}`,
    severity: i % 7 === 0 ? 'critical' : 'warning',
    labels: {
      service: services[i % services.length],
      instance: `host-${i % distinctSeries}`,
    },
    annotations: { summary: 'value over threshold' },
  }));
}

function rawBaseline(alerts) {
  const groups = new Map();
  const start = performance.now();
  for (const alert of alerts) {
    const labels = { ...alert.labels, alertname: alert.name };
    const hash = createHash('sha256');
    for (const name of Object.keys(labels).sort()) {
      hash.update(`${name}\u00ff${labels[name]}\u00ff`);
    }
    const key = `${labels.alertname}:${labels.service}`;
    let group = groups.get(key);
    if (!group) {
      group = new Map();
      groups.set(key, group);
    }
    group.set(hash.digest('hex').slice(0, 16), labels);
  }
  return performance.now() - start;
}

async function routerRun(alerts) {
  const router = new AlertRouter({
    destinations: [
      new MemoryDestination({ name: 'default' }),
      new MemoryDestination({ name: 'pager' }),
      new MemoryDestination({ name: 'db' }),
    ],
    route: {
      groupBy: ['alertname', 'service'],
      groupWait: '1h',
      routes: [
        { matchers: 'severity="critical"', receiver: 'pager', continue: true },
        { matchers: 'service=~"db|cache"', receiver: 'db' },
      ],
    },
    inhibitRules: [
      {
        sourceMatchers: 'severity="critical"',
        targetMatchers: 'severity="warning"',
        equal: ['instance'],
      },
    ],
  });
  const start = performance.now();
  for (const alert of alerts) {
    router.send(alert);
  }
  const elapsed = performance.now() - start;
  await router.flush(60_000);
  const withFlush = performance.now() - start;
  const status = router.getStatus();
  await router.close(1_000);
  return { elapsed, withFlush, status };
}

async function throughput(distinctSeries) {
  const alerts = makeAlerts(distinctSeries);
  const raw = [];
  const routed = [];
  const flushed = [];
  let status;
  for (let i = 0; i < REPEATS; i += 1) {
    raw.push(rawBaseline(alerts));
    const run = await routerRun(alerts);
    routed.push(run.elapsed);
    flushed.push(run.withFlush);
    status = run.status;
  }
  return {
    distinctSeries,
    rawRate: ALERTS / (median(raw) / 1000),
    routedRate: ALERTS / (median(routed) / 1000),
    flushedRate: ALERTS / (median(flushed) / 1000),
    groups: status.groups,
    notifications: status.notifications.created,
    deduplicated: status.alerts.deduplicated,
  };
}

function startServer(mode) {
  const arrivals = new Map();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (mode === 'hang') {
        return;
      }
      const id = JSON.parse(body).alerts?.[0]?.labels?.id;
      arrivals.get(id)?.(performance.now());
      res.end('ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        arrivals,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      });
    });
  });
}

async function latency(withHanging, healthy, hanging) {
  const destinations = [{ type: 'webhook', name: 'healthy', url: healthy.url }];
  const routes = [];
  if (withHanging) {
    destinations.push({ type: 'webhook', name: 'hanging', url: hanging.url });
    routes.push({ matchers: 'bench="1"', receiver: 'hanging', continue: true });
  }
  routes.push({ matchers: 'bench="1"', receiver: 'healthy' });
  const router = new AlertRouter({
    destinations,
    route: { receiver: 'healthy', groupBy: ['...'], groupWait: 0, routes },
    timeout: '10m',
    maxQueueSize: LATENCY_SAMPLES + 10,
  });

  const samples = [];
  for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
    const id = `${withHanging ? 'h' : 'n'}${i}`;
    const arrived = new Promise((resolve) => healthy.arrivals.set(id, resolve));
    const start = performance.now();
    router.send({ name: 'Bench', labels: { bench: '1', id } });
    samples.push((await arrived) - start);
    healthy.arrivals.delete(id);
  }
  const hangingDepth = router.getStatus().destinations.hanging?.queueDepth ?? 0;
  await router.close(10);
  return { samples, hangingDepth };
}

async function rawFetchLatency(healthy) {
  const samples = [];
  for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
    const id = `raw${i}`;
    const arrived = new Promise((resolve) => healthy.arrivals.set(id, resolve));
    const start = performance.now();
    void fetch(healthy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ alerts: [{ labels: { id } }] }),
    }).then((response) => response.text());
    samples.push((await arrived) - start);
    healthy.arrivals.delete(id);
  }
  return samples;
}

function describeSamples(samples) {
  return { p50: median(samples), p99: percentile(samples, 0.99) };
}

const format = (n, digits = 2) => n.toFixed(digits);
const scenarios = [await throughput(DISTINCT_SERIES), await throughput(ALERTS)];
const healthy = await startServer('ok');
const hanging = await startServer('hang');
const raw = describeSamples(await rawFetchLatency(healthy));
const alone = await latency(false, healthy, hanging);
const together = await latency(true, healthy, hanging);
healthy.close();
hanging.close();
const a = describeSamples(alone.samples);
const t = describeSamples(together.samples);

const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
for (const tp of scenarios) {
  const ratio = (rate) => format(rate / tp.rawRate);
  console.log(
    `\nrouted and grouped alerts (${ALERTS} alerts, ${tp.distinctSeries} series, median of ${REPEATS})`,
  );
  console.log(
    `  raw fingerprint + Map loop: ${format(tp.rawRate, 0)} alerts/s`,
  );
  console.log(
    `  AlertRouter.send:           ${format(tp.routedRate, 0)} alerts/s, ratio ${ratio(tp.routedRate)}`,
  );
  console.log(
    `  send, then flush:           ${format(tp.flushedRate, 0)} alerts/s, ratio ${ratio(tp.flushedRate)}`,
  );
  console.log(
    `  groups ${tp.groups}, notifications ${tp.notifications}, deduplicated ${tp.deduplicated}`,
  );
}
console.log(
  `\nhealthy webhook latency, send() to request arrival (${LATENCY_SAMPLES} alerts, ms)`,
);
console.log(
  `  raw fetch():                 p50 ${format(raw.p50)}  p99 ${format(raw.p99)}`,
);
console.log(
  `  router, healthy only:        p50 ${format(a.p50)}  p99 ${format(a.p99)}`,
);
console.log(
  `  router, other one hanging:   p50 ${format(t.p50)}  p99 ${format(t.p99)}  (hanging queue depth ${together.hangingDepth})`,
);
console.log(`  ratio hanging/alone p50:     ${format(t.p50 / a.p50)}`);
console.log(`  ratio router/raw fetch p50:  ${format(a.p50 / raw.p50)}`);
