import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInterval, startMonitored } from '../support/monitored-app.js';
import {
  ALERTMANAGER_BIN,
  missingBinary,
  PROMETHEUS_BIN,
  type RealComponent,
  startAlertmanager,
  startPrometheus,
} from '../support/real-components.js';
import {
  fastSimulatedModel,
  postJson,
  type StartedApp,
  startApp,
} from '../support/start-app.js';

const prometheusMissing = missingBinary(PROMETHEUS_BIN);
const alertmanagerMissing = missingBinary(ALERTMANAGER_BIN);

async function sleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe.skipIf(prometheusMissing)(
  `real Prometheus${prometheusMissing ? ` (${prometheusMissing})` : ''}`,
  () => {
    let started: StartedApp;
    let prometheus: RealComponent;

    beforeAll(async () => {
      started = await startApp({ models: [fastSimulatedModel('prom')] });
      const target = new URL(started.metricsUrl);
      prometheus = await startPrometheus(target.host, target.pathname);
    });

    afterAll(async () => {
      await prometheus?.stop();
      await started?.app.stop();
    });

    /** Runs an instant query and returns the first sample's value. */
    async function query(expression: string): Promise<number | undefined> {
      const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expression)}`;
      const body = (await (await fetch(url)).json()) as {
        data: { result: Array<{ value: [number, string] }> };
      };
      const value = body.data.result[0]?.value[1];
      return value === undefined ? undefined : Number(value);
    }

    it('returns our request counts', async () => {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          postJson(`${started.url}/v1/completions`, {
            model: 'prom',
            prompt: `q${i}`,
          }),
        ),
      );

      const expression = 'sum(mmorch_requests_total{model="prom",status="ok"})';
      let count = await query(expression);
      while (count !== 25) {
        await sleep(250);
        count = await query(expression);
      }

      expect(count).toBe(25);
      expect(await query('up{job="mmorch"}')).toBe(1);
    });
  },
);

describe.skipIf(alertmanagerMissing)(
  `real Alertmanager${alertmanagerMissing ? ` (${alertmanagerMissing})` : ''}`,
  () => {
    let alertmanager: RealComponent;

    beforeAll(async () => {
      alertmanager = await startAlertmanager();
    });

    afterAll(async () => {
      await alertmanager?.stop();
    });

    it('receives the raised alerts', async () => {
      const context = await startMonitored({
        alerting: {
          destinations: [
            { type: 'alertmanager', name: 'am', url: alertmanager.url },
          ],
          route: { groupWait: 0 },
        },
      });
      try {
        for (let i = 0; i < 12; i++) {
          await runInterval(context, 8);
        }
        context.app.setFault('watched', { errorRate: 0.9 });
        for (let i = 0; i < 3; i++) {
          await runInterval(context, 8);
        }

        let names: string[] = [];
        while (!names.includes('InferenceErrorRateAnomaly')) {
          await sleep(200);
          const alerts = (await (
            await fetch(`${alertmanager.url}/api/v2/alerts`)
          ).json()) as Array<{
            labels: Record<string, string>;
          }>;
          names = alerts.map((alert) => alert.labels.alertname ?? '');
        }

        expect(names).toContain('InferenceErrorRateAnomaly');
      } finally {
        await context.app.stop();
      }
    });
  },
);
