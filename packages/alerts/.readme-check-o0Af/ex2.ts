import {
  AlertRouter,
  DeliveryError,
  type Destination,
  type Notification,
  type SendOptions,
} from '@mm-orch/alerts';
import { registerDestinationSchema } from '@mm-orch/config';
import { z } from 'zod';

class TeamsDestination implements Destination {
  constructor(
    readonly name: string,
    private readonly url: string,
  ) {}

  async send(notification: Notification, { signal }: SendOptions) {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `${notification.title}\n${notification.text}`,
      }),
      signal,
    });
    if (!response.ok) {
      throw new DeliveryError(`teams: HTTP ${response.status}`, {
        retryable: response.status >= 500 || response.status === 429,
      });
    }
  }
}

// Validated exactly like a built-in type, unknown keys included.
registerDestinationSchema('teams', z.object({ url: z.url() }));

const router = new AlertRouter({
  destinations: [
    { type: 'teams', name: 'ops', url: 'https://example.invalid/hook' },
  ],
  destinationFactories: {
    teams: (config) => new TeamsDestination(config.name, String(config.url)),
  },
});
