// Child process of the impossible-folder test: it points the outbox, the
// dead-letter file and a file destination at FOLDER, which cannot be
// created (under /proc), and prints what each reported. A hang here means
// a recursive mkdir spins. Usage: node folder-child.mjs DIST_INDEX FOLDER
const [distIndex, folder] = process.argv.slice(2);
const { AlertRouter } = await import(distIndex);

const result = {};
try {
  new AlertRouter({
    destinations: [{ type: 'memory', name: 'm' }],
    outboxPath: `${folder}/outbox.jsonl`,
  });
} catch (error) {
  result.outbox = error.code;
}

const router = new AlertRouter({
  destinations: [{ type: 'file', name: 'f', path: `${folder}/alerts.jsonl` }],
  route: { groupWait: 0 },
  retry: { attempts: 1 },
  deadLetterPath: `${folder}/dead.jsonl`,
});
router.send({ name: 'Down' });
await router.flush(5_000);
const status = router.getStatus();
result.deadLettered = status.destinations.f.deadLettered;
result.degradationReason = status.degradationReason;
await router.close(100);
process.stdout.write(`${JSON.stringify(result)}\n`);
