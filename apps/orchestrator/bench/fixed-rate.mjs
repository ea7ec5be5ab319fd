// Open-loop load at a fixed request rate, for latency under a load that
// the server can carry. Each request has a scheduled send time, and its
// latency runs from that time to the end of the response, so a request
// that waits for a free socket because the server fell behind counts the
// wait. autocannon keeps one request in flight per connection and records
// whole milliseconds, which at these latencies hides the differences
// between variants.
import http from 'node:http';

/**
 * Interval of the send loop's timer, in ms. Requests due within one
 * interval go out together.
 */
const TICK_MS = 1;

/**
 * Sends `rate` requests per second of `body` to `url` for `durationS`
 * seconds over at most `sockets` keep-alive sockets. Resolves with the
 * request counts and latency quantiles in milliseconds. Stops by itself
 * `durationS * 2 + 10` seconds after the start even if responses are
 * missing, and counts those as errors.
 */
export function runFixedRate({ url, body, rate, durationS, sockets }) {
  const target = new URL(url);
  const payload = Buffer.from(body);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const total = Math.max(1, Math.round(rate * durationS));
  const intervalMs = 1000 / rate;
  const latencies = new Float64Array(total);
  let completed = 0;
  let errors = 0;
  let sent = 0;
  const startedAt = performance.now();

  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(deadline);
      agent.destroy();
      resolve(summarize(latencies.subarray(0, completed), total, errors));
    };
    const settle = (ok, scheduledAt) => {
      if (ok) {
        latencies[completed++] = performance.now() - scheduledAt;
      } else {
        errors++;
      }
      if (completed + errors === total) {
        finish();
      }
    };
    const send = (scheduledAt) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            settle(response.statusCode === 200, scheduledAt),
          );
          response.on('error', () => settle(false, scheduledAt));
        },
      );
      request.on('error', () => settle(false, scheduledAt));
      request.end(payload);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && startedAt + sent * intervalMs <= now) {
        send(startedAt + sent * intervalMs);
        sent++;
      }
      if (sent < total && !done) {
        setTimeout(tick, TICK_MS);
      }
    };
    const deadline = setTimeout(
      () => {
        errors += total - completed - errors;
        finish();
      },
      (durationS * 2 + 10) * 1000,
    );
    tick();
  });
}

function summarize(latencies, total, errors) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) =>
    sorted.length === 0
      ? Number.NaN
      : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    total,
    completed: sorted.length,
    errors,
    p50: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
  };
}
