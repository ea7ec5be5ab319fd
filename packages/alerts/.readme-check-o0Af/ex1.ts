import { AlertRouter } from '@mm-orch/alerts';

const router = new AlertRouter({
  destinations: [{ type: 'memory', name: 'team' }],
  onNotificationOutcome: ({ outcome, destination, attempts }) => {
    if (outcome === 'dead-lettered') {
      console.error(`gave up on ${destination} after ${attempts} attempts`);
    }
  },
});
