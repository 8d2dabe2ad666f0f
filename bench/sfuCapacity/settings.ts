// What the capacity bench offers the SFU and when it stops. Every figure it reports is measured
// against these nominal rates, so they are spelled out here once.

const fromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const PEERS_PER_ROOM = 8;

/** Rooms after each step of a run; a run stops at the first step past a limit below. */
export const ROOM_STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24].filter(
  (rooms) => rooms <= fromEnv('SFU_CAPACITY_MAX_ROOMS', 24),
);
/** Independent runs (a fresh worker each), for the median and the spread. */
export const RUNS = fromEnv('SFU_CAPACITY_RUNS', 3);

/** After rooms are added: keyframes asked for, layers chosen, observers settled. */
export const WARM_UP_MS = 2500;
/** The measured send window: offered rate, loss and CPU are all taken over exactly this span. */
export const WINDOW_MS = fromEnv('SFU_CAPACITY_WINDOW_MS', 5000);
/** A run that takes longer stops after its current step (setting up rooms is the slow part). */
export const RUN_BUDGET_MS = 240_000;

/** Worst single consumer's loss above which a step no longer counts. */
export const LOSS_LIMIT = 0.01;
/** The worker (one process, one core at most) counts as saturated above this share of a core. */
export const WORKER_CPU_LIMIT = 0.9;
/**
 * Offered below this share of nominal means the senders (this Node process, on the same two
 * cores) could not keep up: such a step measures the load generator, not the SFU.
 */
export const OFFERED_MIN = 0.97;

export const FRAME_RATE = 30;
/** Largest RTP payload a sender puts in one packet (browsers keep to about this). */
export const MAX_PAYLOAD_BYTES = 1200;

export interface CameraLayer {
  scaleResolutionDownBy: number;
  maxBitrate: number;
  scalabilityMode: 'L1T3';
}

/**
 * The client's camera simulcast, copied from CAMERA_SIMULCAST in
 * client/src/lib/media/MediaConnection.ts (that file pulls in mediasoup-client and the DOM
 * types, so it is not imported here). Each layer is sent at its full maxBitrate, 30 fps.
 */
export const CAMERA_LAYERS: CameraLayer[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
];

/** Opus in 20 ms frames, 80-byte payloads (32 kbit/s); every microphone sends, none in DTX. */
export const AUDIO_PACKETS_PER_SECOND = 50;
export const AUDIO_PAYLOAD_BYTES = 80;
/** Who speaks changes this often in every room, so the active-speaker observer has work. */
export const SPEAKER_TURN_MS = 2000;

/** Nominal payload bits per second of one camera producer (all layers) and one microphone. */
export const NOMINAL_VIDEO_BPS = CAMERA_LAYERS.reduce((sum, layer) => sum + layer.maxBitrate, 0);
export const NOMINAL_AUDIO_BPS = AUDIO_PACKETS_PER_SECOND * AUDIO_PAYLOAD_BYTES * 8;
