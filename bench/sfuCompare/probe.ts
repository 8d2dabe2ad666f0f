// Installed in every bench page before the page's own scripts (Rinnalla's real client and the
// demo page alike), so both are timed by the same code: when joining started (the Join click, or
// the demo page's join()), each signalling message in and out, each getUserMedia call, each peer
// connection, and the first decoded frame of each remote video. Times are epoch milliseconds.
import { pageWindow, type PageSocket, type PeerConnection } from './pageGlobals.ts';

export interface ProbeResult {
  joinAt: number | null;
  messages: { at: number; out: boolean; text: string }[];
  media: { start: number; end: number; width?: number | undefined; height?: number | undefined }[];
  connections: { created: number; connected: number | null; sends: boolean }[];
  /** When each remote video decoded its first frame, earliest first. */
  firstFrames: number[];
  /** Main-thread tasks over 50 ms (the page could not handle a message meanwhile). */
  longTasks: { start: number; duration: number }[];
}

export interface Probe {
  markJoin(): void;
  /** Whether a sending connection is up (the page publishes). */
  sending(): boolean;
  /**
   * Resolves true once the page publishes and has decoded `expected` remote videos, false after
   * `timeoutMs`: checked here, in the page, so the bench does not poll it from outside.
   */
  whenIn(expected: number, timeoutMs: number): Promise<boolean>;
  /** Stops watching for first frames (the bench has what it needs). */
  settle(): void;
  result(): ProbeResult;
  /** Bytes of remote video received so far, and how many remote videos. */
  inboundVideo(): Promise<{ bytes: number; videos: number }>;
}

const POLL_MS = 25;
const now = () => performance.timeOrigin + performance.now();
const pcs: PeerConnection[] = [];
const result: ProbeResult = {
  joinAt: null,
  messages: [],
  media: [],
  connections: [],
  firstFrames: [],
  longTasks: [],
};
const seen = new Set<string>();
let polling: ReturnType<typeof setInterval> | undefined;

async function pollFrames(): Promise<void> {
  for (const pc of pcs) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((stat) => {
      if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
      const id = String(stat.trackIdentifier ?? stat.id);
      if (Number(stat.framesDecoded) > 0 && !seen.has(id)) {
        seen.add(id);
        result.firstFrames.push(now());
      }
    });
  }
}

const NativePeerConnection = pageWindow.RTCPeerConnection;
pageWindow.RTCPeerConnection = class extends NativePeerConnection {
  constructor(...args: unknown[]) {
    super(...args);
    pcs.push(this);
    const entry = { created: now(), connected: null as number | null, sends: false };
    result.connections.push(entry);
    this.addEventListener('connectionstatechange', () => {
      if (this.connectionState !== 'connected' || entry.connected !== null) return;
      entry.connected = now();
      entry.sends = this.getTransceivers().some((t) => t.direction === 'sendonly');
    });
  }
};

const NativeSocket = pageWindow.WebSocket;
const text = (data: unknown) => (typeof data === 'string' ? data.slice(0, 160) : '[binary]');
pageWindow.WebSocket = class extends NativeSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    result.messages.push({ at: now(), out: true, text: `[socket] ${url.slice(0, 80)}` });
    this.addEventListener('open', () =>
      result.messages.push({ at: now(), out: false, text: '[open]' }),
    );
    this.addEventListener('message', (event) =>
      result.messages.push({ at: now(), out: false, text: text(event.data) }),
    );
  }
  override send(data: unknown): void {
    result.messages.push({ at: now(), out: true, text: text(data) });
    super.send(data);
  }
} as unknown as typeof NativeSocket & (new (url: string) => PageSocket);

const devices = pageWindow.navigator.mediaDevices;
const getUserMedia = devices.getUserMedia.bind(devices);
devices.getUserMedia = async (constraints) => {
  const start = now();
  const stream = await getUserMedia(constraints);
  const video = stream.getVideoTracks()[0]?.getSettings();
  result.media.push({ start, end: now(), width: video?.width, height: video?.height });
  return stream;
};

new pageWindow.PerformanceObserver((list) => {
  for (const task of list.getEntries()) {
    result.longTasks.push({
      start: performance.timeOrigin + task.startTime,
      duration: task.duration,
    });
  }
}).observe({ type: 'longtask', buffered: true });

const probe: Probe = {
  markJoin() {
    result.joinAt ??= now();
    polling ??= setInterval(() => void pollFrames(), POLL_MS);
  },
  sending: () => result.connections.some((c) => c.sends),
  whenIn(expected, timeoutMs) {
    const deadline = now() + timeoutMs;
    return new Promise((resolve) => {
      const check = () => {
        if (probe.sending() && seen.size >= expected) resolve(true);
        else if (now() > deadline) resolve(false);
        else setTimeout(check, POLL_MS);
      };
      check();
    });
  },
  settle() {
    clearInterval(polling);
  },
  result: () => result,
  async inboundVideo() {
    let bytes = 0;
    let videos = 0;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((stat) => {
        if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
        bytes += Number(stat.bytesReceived ?? 0);
        videos += 1;
      });
    }
    return { bytes, videos };
  },
};
(globalThis as unknown as { sfuProbe: Probe }).sfuProbe = probe;

// Rinnalla's client: joining starts with the press of its Join button.
pageWindow.addEventListener(
  'click',
  (event) => {
    const target = event.target as { closest?: (selector: string) => unknown } | null;
    if (target?.closest?.('[data-testid="join-button"]')) probe.markJoin();
  },
  true,
);
