import { AlertRouter, MemoryDestination } from '@mm-orch/alerts';

const memory = new MemoryDestination({ name: 'oncall' });
const router = new AlertRouter({
  destinations: [memory, { type: 'console', name: 'stdout' }],
  route: {
    receiver: 'stdout',
    groupBy: ['alertname', 'service'],
    groupWait: '5s',
    routes: [
      {
        matchers: '{severity="critical", service=~"api|web"}',
        receiver: 'oncall',
      },
    ],
  },
  inhibitRules: [
    {
      sourceMatchers: 'severity="critical"',
      targetMatchers: 'severity="warning"',
      equal: ['service'],
    },
  ],
  deadLetterPath: '/work/main/packages/alerts/.readme-check-o0Af/dl.jsonl',
});

router.addSilence({
  matchers: 'service="batch"',
  endsAt: Date.now() + 3_600_000,
});
router.send({
  name: 'HighLatency',
  severity: 'critical',
  labels: { service: 'api' },
  annotations: { summary: 'p99 latency over 2 s' },
});
router.send({ name: 'HighLatency', labels: { service: 'api' } });
router.send({ name: 'QueueBacklog', labels: { service: 'batch' } });
router.send({ name: 'DiskFilling', labels: { service: 'db' } });

// Send now instead of after groupWait, and wait for delivery.
await router.flush();
console.log(memory.notifications[0]?.title);
console.log(router.getStatus().alerts);
await router.close();
