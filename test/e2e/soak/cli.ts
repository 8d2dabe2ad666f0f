// `npm run soak`: the long soak (SOAK_MINUTES of activity, default 10; set-up and settling add a
// minute or two), on 127.0.0.1 only, stopping by itself. Prints the figures and the report's
// path; exits 1 when an invariant failed.
import { runSoak, type FaultKind } from './soak.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
if (!(minutes > 0 && minutes <= 24 * 60)) {
  console.error('SOAK_MINUTES: a number of minutes (e.g. 10)');
  process.exit(2);
}
const activeSeconds = Math.round(minutes * 60);
const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
// Each fault once early on, then one at random about every 45 s.
const first: { at: number; kind: FaultKind }[] = [
  { at: 30, kind: 'workerKill' },
  { at: 70, kind: 'databaseRestart' },
  { at: 110, kind: 'serverRestart' },
  { at: 150, kind: 'redisRestart' },
];
const reminders: number[] = [];
for (let m = 1; m < minutes - 0.5; m += 1.5) reminders.push(m);

const started = Date.now();
const result = await runSoak({
  activeSeconds,
  seed,
  world: {
    liveGroups: 4,
    familiesPerGroup: 5,
    churnFamilies: 10,
    churnCapacity: 4,
    reminderDueMinutes: reminders,
  },
  faults: first.filter((f) => f.at < activeSeconds - 10),
  faultEverySeconds: 45,
  dropEverySeconds: 4,
  log: (line) => console.log(`[soak ${Math.round((Date.now() - started) / 1000)}s] ${line}`),
});
const { report } = result;
console.log(JSON.stringify({ ...report, samples: undefined, chatLatency: undefined }, null, 2));
console.log(`report: ${result.path} (and the .svg next to it)`);
if (result.violations.length > 0) {
  console.error(
    `✖ ${result.violations.length} invariant(s) failed:\n  ${result.violations.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('✔ every invariant held');
process.exit(0);
