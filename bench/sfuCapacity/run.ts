// One run: a fresh product SFU with one worker, rooms of eight added step by step, each step
// measured over its own send window, until a limit is crossed.
import { setTimeout as sleep } from 'node:timers/promises';
import { Sfu } from '../../sfu/index.ts';
import { clock, Pacer } from './pacer.ts';
import { Participant, receiverCapabilities } from './participant.ts';
import { PEERS_PER_ROOM, ROOM_STEPS, RUN_BUDGET_MS, WARM_UP_MS } from './settings.ts';
import { describeStep, measureStep, type RoomEvents, type StepResult } from './step.ts';
import { closeAllEndpoints } from './webrtcEndpoint.ts';

export interface RunResult {
  steps: StepResult[];
  /** The largest step within the loss limit, fully offered (undefined: not even one room). */
  best: StepResult | undefined;
  /** What ended the run. */
  stoppedBy: NonNullable<StepResult['limit']> | 'max-rooms' | 'time' | 'set-up failed';
}

/** A room whose participants cannot connect in this long ends the run (a busy machine). */
const ROOM_SETUP_TIMEOUT_MS = 60_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function addRoom(
  sfu: Sfu,
  name: string,
  pacer: Pacer,
  startedAt: number,
  events: RoomEvents,
): Promise<Participant[]> {
  const room = await sfu.getOrCreateRoom(name);
  // Counted to show the observers and the forwarding policy are at work during the windows.
  room.on('activeSpeaker', () => (events.activeSpeaker += 1));
  room.on('audioLevels', () => (events.audioLevels += 1));
  const participants = await Promise.all(
    Array.from({ length: PEERS_PER_ROOM }, (_, i) =>
      Participant.join(room, `${name}/p${i}`, i, pacer, startedAt),
    ),
  );
  const capabilities = receiverCapabilities(room);
  await Promise.all(
    participants.map((p) =>
      p.consumeFrom(
        participants.filter((other) => other !== p),
        capabilities,
      ),
    ),
  );
  await room.settled();
  return participants;
}

export async function runCapacity(run: number): Promise<RunResult> {
  const sfu = await Sfu.start({ workers: 1, listenIp: '127.0.0.1', rtcPort: 0, logLevel: 'error' });
  const workerPid = sfu.pool.alive()[0]!.worker.pid;
  const pacer = new Pacer();
  const rooms: Participant[][] = [];
  const steps: StepResult[] = [];
  const events: RoomEvents = { activeSpeaker: 0, audioLevels: 0 };
  const startedAt = clock();
  let stoppedBy: RunResult['stoppedBy'] = 'max-rooms';
  pacer.start();
  try {
    for (const target of ROOM_STEPS) {
      const settingUp = clock();
      try {
        while (rooms.length < target) {
          const name = `run${run}-room${rooms.length + 1}`;
          const added = addRoom(sfu, name, pacer, startedAt, events);
          added.catch(() => undefined); // one that times out may still fail later, unobserved
          rooms.push(await withTimeout(added, ROOM_SETUP_TIMEOUT_MS, `setting up ${name}`));
        }
      } catch (error) {
        console.log(`    ${(error as Error).message}: this run ends here`);
        stoppedBy = 'set-up failed';
        break;
      }
      const setUpMs = Math.round(clock() - settingUp);
      await sleep(WARM_UP_MS);
      const step = await measureStep(rooms, workerPid, events);
      steps.push(step);
      console.log(`${describeStep(step)} (rooms added in ${setUpMs} ms)`);
      if (step.limit) {
        stoppedBy = step.limit;
        break;
      }
      if (clock() - startedAt > RUN_BUDGET_MS) {
        stoppedBy = 'time';
        break;
      }
    }
  } finally {
    pacer.stop();
    await closeAllEndpoints(); // also those of a room whose set-up failed half-way
    sfu.close();
  }
  // A step that saturated the worker still counts if its worst consumer stayed within the limit.
  const best = steps.filter((s) => !s.limit || s.limit === 'worker-cpu').at(-1);
  return { steps, best, stoppedBy };
}
