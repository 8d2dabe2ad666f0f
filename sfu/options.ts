import type { types } from 'mediasoup';

export interface SfuOptions {
  /** Number of mediasoup workers (processes); one per CPU core is the usual choice. */
  workers: number;
  /** IP the WebRTC servers listen on. */
  listenIp: string;
  /** Public address (IP or hostname) put into ICE candidates, when it differs from listenIp. */
  announcedAddress?: string | undefined;
  /** UDP/TCP port of worker 0's WebRtcServer; worker i uses rtcPort + i. 0 = any free port. */
  rtcPort: number;
  logLevel?: types.WorkerLogLevel;
}
