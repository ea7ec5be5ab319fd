import { AlertRouter } from '@mm-orch/alerts';

const cases = {
  unknownReceiver: {
    destinations: [{ type: 'memory', name: 'a' }],
    route: { receiver: 'b' },
  },
  badMatcher: {
    destinations: [{ type: 'memory', name: 'a' }],
    route: { routes: [{ matchers: 'severity=critical"', receiver: 'a' }] },
  },
  typoOption: {
    destinations: [{ type: 'memory', name: 'a' }],
    groupWait: '5s',
  },
  missingUrl: { destinations: [{ type: 'webhook', name: 'a' }] },
  badDuration: {
    destinations: [{ type: 'memory', name: 'a' }],
    route: { groupWait: 'five seconds' },
  },
  unknownType: { destinations: [{ type: 'teams', name: 'a' }] },
  noDest: {},
  badSilence: {
    destinations: [{ type: 'memory', name: 'a' }],
    silences: [{ matchers: 'a=', endsAt: 'tomorrow' }],
  },
  dup: {
    destinations: [
      { type: 'memory', name: 'a' },
      { type: 'console', name: 'a' },
    ],
  },
  objNoSend: { destinations: [{ name: 'x', send: 'nope' }] },
};
for (const [k, v] of Object.entries(cases)) {
  try {
    const r = new AlertRouter(v);
    console.log(k, 'OK');
    await r.close(10);
  } catch (e) {
    console.log(`${k}: ${e.name} ${e.code}: ${e.message}\n`);
  }
}
const r = new AlertRouter({ destinations: [{ type: 'memory', name: 'a' }] });
try {
  r.addSilence({ matchers: 'a="b"' });
} catch (e) {
  console.log(`silence: ${e.name} ${e.code}: ${e.message}`);
}
try {
  r.addSilence({ matchers: 'a="b"', endsAt: 'soon' });
} catch (e) {
  console.log(`silence2: ${e.name} ${e.code}: ${e.message}`);
}
r.send({ name: 'x', labels: { n: 1 } });
r.send(null);
r.send({ name: 'y', startsAt: 'never' });
console.log(r.getStatus().alerts);
await r.close(10);
