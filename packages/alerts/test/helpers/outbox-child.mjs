// Child process of the outbox crash test: it queues notifications for a
// receiver that never responds, reports them on stdout, then waits to be
// killed. Usage: node outbox-child.mjs DIST_INDEX OUTBOX_PATH RECEIVER_URL
const [distIndex, outboxPath, url] = process.argv.slice(2);
const { AlertRouter } = await import(distIndex);

const router = new AlertRouter({
  destinations: [{ type: 'webhook', name: 'hook', url }],
  route: { groupWait: 0, groupBy: ['...'] },
  timeout: '1h',
  outboxPath,
});
for (const service of ['api', 'web', 'db']) {
  router.send({ name: 'Down', labels: { service } });
}
await router.flush(10);

const status = router.getStatus().destinations.hook;
process.stdout.write(`${JSON.stringify({ queued: status.queueDepth })}\n`);
setInterval(() => {}, 1_000);
