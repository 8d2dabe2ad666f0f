// The few browser APIs the bench's page code uses (probe.ts, demoPage.ts), typed here: the bench
// is type-checked with Node's types only (no DOM library), and this code runs in Chromium,
// bundled by esbuild.

export interface StatsReport {
  forEach(visit: (stat: Record<string, unknown>) => void): void;
}

export interface PeerConnection {
  connectionState: string;
  getStats(): Promise<StatsReport>;
  getTransceivers(): { direction: string }[];
  addEventListener(type: 'connectionstatechange', listener: () => void): void;
}

export interface PageSocket {
  url: string;
  send(data: unknown): void;
  close(): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface Track {
  kind: string;
  enabled: boolean;
  stop(): void;
  getSettings(): { width?: number; height?: number; frameRate?: number };
}

export interface Stream {
  getAudioTracks(): Track[];
  getVideoTracks(): Track[];
}

export interface MediaElement {
  muted: boolean;
  autoplay: boolean;
  playsInline: boolean;
  srcObject: Stream | null;
  play(): Promise<void>;
}

export interface PageWindow {
  RTCPeerConnection: new (...args: unknown[]) => PeerConnection;
  WebSocket: new (url: string, protocols?: string | string[]) => PageSocket;
  MediaStream: new (tracks: Track[]) => Stream;
  PerformanceObserver: new (
    callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => { observe(options: { type: 'longtask'; buffered: boolean }): void };
  navigator: {
    userAgent: string;
    mediaDevices: {
      getUserMedia(constraints: unknown): Promise<Stream>;
      enumerateDevices(): Promise<{ kind: string; deviceId: string }[]>;
    };
  };
  document: {
    createElement(tag: 'video' | 'audio'): MediaElement;
    body: { append(element: MediaElement): void };
  };
  location: { search: string };
  addEventListener(
    type: 'click',
    listener: (event: { target: unknown }) => void,
    capture: boolean,
  ): void;
}

export const pageWindow = globalThis as unknown as PageWindow;
